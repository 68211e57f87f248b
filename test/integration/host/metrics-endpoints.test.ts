// The health and metrics endpoints of `resilab runtime`, started with the command line of
// examples/kubernetes/deployment.yaml (loopback instead of 0.0.0.0): the probe paths answer, and a
// real Prometheus scrapes /metrics and sees an instance's crash as resilab_instance_restarts_total.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BIN, cleanup, freePort, ROOT, SAMPLE_APPS, spawnTracked, waitFor } from '../../helpers/processes.js';

type Runtime = ReturnType<typeof spawnTracked>;

/** The Deployment's container args, with the metrics port and host made local to this test. */
function deploymentArgs(metricsPort: number): string[] {
  const docs = parseAllDocuments(readFileSync(join(ROOT, 'examples/kubernetes/deployment.yaml'), 'utf8'));
  // biome-ignore lint/suspicious/noExplicitAny: parsed YAML; the unit test checks its shape
  const deployment = docs.map((d) => d.toJS()).find((d: any) => d.kind === 'Deployment');
  const args: string[] = deployment.spec.template.spec.containers[0].args;
  return args.map((a, n) =>
    args[n - 1] === '--metrics-port'
      ? String(metricsPort)
      : args[n - 1] === '--metrics-host'
        ? '127.0.0.1'
        : a,
  );
}

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('resilab runtime --metrics-port (the Kubernetes example, scraped by Prometheus)', () => {
  let dir: string;
  let runtime: Runtime;
  let metricsPort: number;
  let pids: number[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resilab-metrics-'));
    metricsPort = await freePort();
    const appPort = await freePort();
    runtime = spawnTracked(process.execPath, [BIN, 'runtime', ...deploymentArgs(metricsPort)], {
      cwd: SAMPLE_APPS,
      env: { ...process.env, RESILAB_HOME: dir, HOST: '127.0.0.1', PORT: String(appPort) },
    });
    pids = await waitFor('two instances listening', () => {
      const found = [...runtime.output().matchAll(/http-app (\d+) listening/g)].map((m) => Number(m[1]));
      return found.length === 2 ? found : null;
    });
  });

  afterAll(async () => {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the Deployment probes: /healthz alive, /readyz every instance up', async () => {
    expect(runtime.errors()).toContain(`metrics on http://127.0.0.1:${metricsPort}/metrics`);
    expect(await get(metricsPort, '/healthz')).toEqual({ status: 200, body: 'ok\n' });
    expect(await get(metricsPort, '/readyz')).toEqual({ status: 200, body: 'ready\n' });
    expect((await get(metricsPort, '/nope')).status).toBe(404);
  });

  it('serves the Prometheus text format; a real Prometheus reads a crash back as a restart', async () => {
    const { status, body } = await get(metricsPort, '/metrics');
    expect(status).toBe(200);
    expect(body).toContain('resilab_instance_state{app="api",instance="0",state="listening"} 1');
    expect(body).toContain('resilab_instance_restarts_total{app="api",instance="1",cause="crash"} 0');

    const promPort = await freePort();
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: resilab\n    static_configs:\n      - targets: ['127.0.0.1:${metricsPort}']\n`,
    );
    const prometheus = spawnTracked('prometheus', [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
    const query = async (q: string) => {
      const res = await fetch(`http://127.0.0.1:${promPort}/api/v1/query?query=${encodeURIComponent(q)}`);
      return (await res.json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
    };
    const crashes = 'resilab_instance_restarts_total{job="resilab",cause="crash"}';
    // Scraped before the crash: the counters are there at 0.
    await waitForAsync(
      'a first scrape',
      async () => (await query(crashes).catch(() => null))?.data.result.length === 2,
    );
    process.kill(pids[0] as number, 'SIGKILL');
    const series = await waitForAsync('Prometheus to see the restart', async () => {
      const { result } = (await query(`${crashes} > 0`)).data;
      return result.length > 0 ? result : null;
    });
    expect(series).toHaveLength(1);
    expect(series[0]?.metric).toMatchObject({ app: 'api', cause: 'crash' });
    expect(series[0]?.value[1]).toBe('1');
    prometheus.kill('SIGTERM');
  });

  it('ends with exit code 0 after a graceful stop on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => runtime.once('exit', (code) => resolve(code)));
    runtime.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

/** Polls an async check every 100 ms for up to 15 s. */
async function waitForAsync<T>(what: string, check: () => Promise<T | null | false>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
