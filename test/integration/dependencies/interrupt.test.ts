// Ctrl-C while a dependency restarts: the run stops waiting for it at once (not at its ready
// limit), ends it by its pid, exits 130 and writes its partial results. The dependency is a small
// fixture server that never becomes ready on its second start, so only the interruption ends the wait.
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Results } from '../../../src/types.js';
import {
  BIN,
  cleanup,
  descendants,
  FIXTURES,
  SAMPLE_APPS,
  spawnTracked,
  waitFor,
  waitGone,
} from '../../helpers/processes.js';

/** The dependency's ready limit: the run must end long before it. */
const READY_LIMIT_MS = 60_000;

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resilab-dep-interrupt-'));
  // the dependency runs as nobody under root and writes its marker here
  chmodSync(dir, 0o777);
});
afterEach(async () => {
  expect(await cleanup()).toEqual([]);
  await rm(dir, { recursive: true, force: true });
});

function scenario(marker: string): string {
  const command = [
    process.execPath,
    join(FIXTURES, 'dependencies/slow-restart.js'),
    '{port}',
    '{data_dir}',
    marker,
  ];
  return `name: dep-interrupt
app: { script: ${JSON.stringify(join(SAMPLE_APPS, 'http-app.js'))} }
dependencies:
  - name: svc
    command: ${JSON.stringify(command)}
    ready: { log: ready, timeout: ${READY_LIMIT_MS / 1000}s }
variants:
  - { name: fork, exec_mode: fork, instances: 1 }
load: { path: /, connections: 2, duration: 30s, warmup: 0s }
probe: { path: /, interval: 50ms, timeout: 500ms }
faults:
  - { at: 500ms, dependency: { name: svc, action: restart, down_for: 100ms } }
`;
}

describe('an interrupted run with a dependency', () => {
  it('stops waiting for a restarting dependency at once, ends it by pid and writes partial results', async () => {
    const marker = join(dir, 'restarted.pid');
    const file = join(dir, 'scenario.yaml');
    await writeFile(file, scenario(marker));
    const out = join(dir, 'out');
    const child = spawnTracked(process.execPath, [BIN, 'run', file, '--out', out]);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // the fault stopped the dependency and started it again: the new one is waiting to be ready
    const restarted = await waitFor(
      'the dependency started again',
      () => existsSync(marker) && Number(readFileSync(marker, 'utf8')),
      30_000,
    );
    const started = descendants(child.pid as number);
    expect(started).toContain(restarted);
    const t = performance.now();
    child.kill('SIGINT');
    expect(await exited, child.errors()).toBe(130);
    expect(performance.now() - t).toBeLessThan(READY_LIMIT_MS / 2);
    expect(await waitGone(started, 5000)).toEqual([]);

    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('results.json'),
    );
    expect(files).toHaveLength(1);
    const results = JSON.parse(readFileSync(join(out, files[0] as string), 'utf8')) as Results;
    expect(results.partial).toBe(true);
    const outage = results.variants[0]?.faults.find((f) => f.kind === 'dependency');
    expect(outage?.t_end ?? null).toBeNull();
    expect(outage?.error).toMatch(/svc: interrupted before it was ready/);
  });
});
