// The k6 export, read back as k6 would: the script compiles once its k6 imports are stubbed, its
// options hold the executors and thresholds the scenario implies, its default function requests the
// scenario's path and counts 2xx and failures; the manifest parses as a ConfigMap and a TestRun.
import { join } from 'node:path';
import { runInNewContext, Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { BUILTIN_SCENARIOS_DIR, loadScenario } from '../../../src/config/scenario.js';
import { LabError } from '../../../src/errors.js';
import { exportK6 } from '../../../src/export/k6.js';
import { FAULT_COUNTERPARTS } from '../../../src/export/k6-faults.js';
import type { Scenario } from '../../../src/types.js';
import { FIXTURES } from '../../helpers/processes.js';

interface Loaded {
  options: { scenarios: Record<string, Record<string, unknown>>; thresholds: Record<string, string[]> };
  hit: () => void;
  requests: { method: string; url: string; params: { timeout: string } }[];
  counters: Record<string, number>;
}

/** The script as k6 would run it, with k6's modules replaced by recording stubs. */
function load(script: string, status = 200, env: Record<string, string> = {}): Loaded {
  const imports = script.match(/^import .* from '(k6[^']*)';$/gm) ?? [];
  expect(imports.map((line) => /'(.*)'/.exec(line)?.[1])).toEqual(['k6/http', 'k6/metrics']);
  const body = script
    .replace(/^import .*$/gm, '')
    .replace(/^export const /gm, 'const ')
    .replace(/^export function /gm, 'function ');
  new Script(body); // throws on a syntax error
  const requests: Loaded['requests'] = [];
  const counters: Record<string, number> = {};
  const context = {
    __ENV: env,
    http: {
      setResponseCallback() {},
      expectedStatuses: () => null,
      request: (method: string, url: string, _body: unknown, params: { timeout: string }) => {
        requests.push({ method, url, params });
        return { status };
      },
    },
    Counter: class {
      constructor(readonly name: string) {
        counters[name] = 0;
      }
      add(n: number) {
        counters[this.name] = (counters[this.name] ?? 0) + n;
      }
    },
  };
  const { options, hit } = runInNewContext(`${body}\n;({ options, hit })`, context) as Pick<
    Loaded,
    'options' | 'hit'
  >;
  return { options, hit, requests, counters };
}

const builtin = (name: string) => loadScenario(join(BUILTIN_SCENARIOS_DIR, `${name}.yaml`));
const file = (name: string, files: { name: string; content: string }[]) =>
  files.find((f) => f.name === name)?.content ?? '';

describe('resilab export k6', () => {
  it('turns the closed load model, warm-up and the variant thresholds into k6 options', async () => {
    const scenario = await builtin('crash-recovery');
    const { files } = exportK6(scenario, { variant: 'cluster', baseUrl: 'http://app:8080' });
    const k6 = load(file('script.js', files));
    expect(k6.options.scenarios.warmup).toMatchObject({
      executor: 'constant-vus',
      vus: scenario.load.connections,
      exec: 'hit',
    });
    expect(k6.options.scenarios.load).toMatchObject({
      executor: 'constant-vus',
      vus: scenario.load.connections,
      duration: `${scenario.load.duration_ms / 1000}s`,
      startTime: `${scenario.load.warmup_ms / 1000}s`,
    });
    const failed = scenario.expect.find((t) => t.variant === 'cluster' && t.metric === 'failed_requests');
    expect(k6.options.thresholds).toEqual({ 'failed_requests{scenario:load}': [`count<=${failed?.value}`] });
    // The single variant's downtime threshold has no k6 metric: named as not mapped, not dropped silently.
    expect(file('script.js', exportK6(scenario).files)).toMatch(
      /single\.downtime_ms < \d+ {2}→ {2}not mapped/,
    );
    k6.hit();
    expect(k6.requests).toEqual([
      { method: 'GET', url: `http://app:8080${scenario.load.path}`, params: { timeout: expect.any(String) } },
    ]);
    expect(k6.counters).toEqual({ ok_2xx: 1, failed_requests: 0 });
    const down = load(file('script.js', files), 503, { BASE_URL: 'http://elsewhere:1' });
    down.hit();
    expect(down.requests[0]?.url).toBe(`http://elsewhere:1${scenario.load.path}`);
    expect(down.counters).toEqual({ ok_2xx: 0, failed_requests: 1 });
  });

  it('maps a fixed rate to constant-arrival-rate and latency and throughput to k6 metrics', async () => {
    const base = await builtin('crash-recovery');
    const scenario: Scenario = {
      ...base,
      load: { ...base.load, rate: 250, warmup_ms: 0 },
      expect: [
        { variant: '*', metric: 'latency_p99_ms', op: '<', value: 300 },
        { variant: '*', metric: 'latency_p50_ms', op: '<=', value: 40 },
        { variant: 'single', metric: 'throughput_rps', op: '>=', value: 200 },
      ],
    };
    const k6 = load(file('script.js', exportK6(scenario, { variant: 'single' }).files));
    expect(Object.keys(k6.options.scenarios)).toEqual(['load']);
    expect(k6.options.scenarios.load).toMatchObject({
      executor: 'constant-arrival-rate',
      rate: 250,
      timeUnit: '1s',
      preAllocatedVUs: base.load.connections,
    });
    expect(k6.options.thresholds).toEqual({
      'http_req_duration{scenario:load}': ['p(99)<300', 'p(50)<=40'],
      'ok_2xx{scenario:load}': ['rate>=200'],
    });
  });

  it('writes every fault as a comment with its Chaos Mesh and xk6-disruptor counterparts', async () => {
    const scenario = await loadScenario(join(FIXTURES, 'runner/all-faults.yaml'));
    expect(new Set(scenario.faults.map((f) => f.kind)).size).toBeGreaterThanOrEqual(5);
    const script = file('script.js', exportK6(scenario).files);
    const comment = script.slice(script.indexOf('// Faults of the scenario'));
    for (const fault of scenario.faults) {
      expect(comment).toContain(`// at ${(fault.at_ms / 1000).toFixed(1)} s after load start`);
      expect(comment).toContain(`//   Chaos Mesh:    ${FAULT_COUNTERPARTS[fault.kind].chaosMesh}`);
      expect(comment).toContain(`//   xk6-disruptor: ${FAULT_COUNTERPARTS[fault.kind].disruptor}`);
    }
  });

  it('writes a ConfigMap holding the script and a TestRun pointing at it', async () => {
    const scenario = await builtin('crash-recovery');
    const { files } = exportK6(scenario, { parallelism: 4, baseUrl: 'http://app:8080' });
    const docs = parseAllDocuments(file('testrun.yaml', files)).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS();
    });
    expect(docs.map((d) => d.kind)).toEqual(['ConfigMap', 'TestRun']);
    const [configMap, testRun] = docs;
    expect(configMap.data['script.js']).toBe(file('script.js', files));
    expect(testRun).toMatchObject({
      apiVersion: 'k6.io/v1alpha1',
      metadata: { name: 'resilab-crash-recovery' },
      spec: {
        parallelism: 4,
        script: { configMap: { name: configMap.metadata.name, file: 'script.js' } },
        arguments: '--env BASE_URL=http://app:8080',
      },
    });
  });

  it('refuses an unknown variant, a bad parallelism or base URL with a usage error naming the flag', async () => {
    const scenario = await builtin('crash-recovery');
    const usage = (fn: () => unknown, flag: string) => {
      expect(fn).toThrow(LabError);
      expect(fn).toThrow(flag);
    };
    usage(() => exportK6(scenario, { variant: 'nope' }), '--variant: the scenario has no variant "nope"');
    usage(() => exportK6(scenario, { parallelism: 0 }), '--parallelism');
    usage(() => exportK6(scenario, { baseUrl: 'app:80' }), '--base-url');
  });
});
