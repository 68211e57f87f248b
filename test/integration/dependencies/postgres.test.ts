// A real PostgreSQL as a scenario dependency, in a throw-away cluster on a free port: started
// behind the proxy (as `nobody` under root), reached by DATABASE_URL, really stopped and started
// again by the `dependency: restart` fault, and gone (every pid) after close. A missing executable
// stops `resilab run` with exit 2 naming it and how to install it.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/config/scenario.js';
import { runFault } from '../../../src/faults/index.js';
import {
  prepareDependencies,
  type RunDependencies,
  startDependencies,
} from '../../../src/runner/dependencies.js';
import type { FaultSpec } from '../../../src/types.js';
import { cleanup, descendants, isAlive, runCli, waitGone } from '../../helpers/processes.js';

const SCENARIO = `
name: pg
app: { script: sample-apps/http-app.js }
dependencies:
  - name: db
    init: initdb -D {data_dir} -U postgres -A trust --no-sync --no-locale -E UTF8
    command: postgres -D {data_dir} -p {port} -h 127.0.0.1 -k {data_dir} -c fsync=off
    ready: { log: "database system is ready to accept connections" }
    stop_signal: SIGINT
    env: { DATABASE_URL: "postgres://postgres@{host}:{port}/postgres" }
`;

let deps: RunDependencies;
let serverPid: () => number | null = () => null;
const controller = new AbortController();

beforeAll(async () => {
  const scenario = parseScenario(SCENARIO, { file: null, baseDir: process.cwd() });
  const named = scenario;
  const set = await prepareDependencies(named);
  if (!set) throw new Error('no dependency set');
  serverPid = () => set.get('db')?.pid ?? null;
  deps = await startDependencies(named, set, controller.signal);
}, 60_000);

afterAll(async () => {
  const pid = serverPid();
  const family = pid ? [pid, ...descendants(pid)] : [];
  await deps?.close();
  expect(await waitGone(family, 5000)).toEqual([]);
});

// The CLI runs are tracked; PostgreSQL is ended by its own pid in afterAll (deps.close), then checked gone.
afterEach(async () => {
  await cleanup();
});

async function query(sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: deps.env.DATABASE_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

function uidOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Uid:'));
  return Number(line?.split(/\s+/)[1]);
}

describe('a PostgreSQL dependency', () => {
  it('answers through the proxy, as nobody when resilab runs as root', async () => {
    expect(deps.env.DATABASE_URL).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const { rows } = await query('SELECT 1 AS one');
    expect(rows[0].one).toBe(1);
    const pid = serverPid() as number;
    if (process.getuid?.() === 0) expect(uidOf(pid)).not.toBe(0);
  });

  it('dependency: restart really stops PostgreSQL and starts it again', async () => {
    const before = serverPid() as number;
    const started = (await query('SELECT pg_postmaster_start_time() AS t')).rows[0].t as Date;
    const held = new pg.Client({ connectionString: deps.env.DATABASE_URL });
    await held.connect();
    const lost = new Promise<string>((resolve) => held.on('error', (e) => resolve(e.message)));
    const spec: FaultSpec = { kind: 'dependency', at_ms: 0, name: 'db', action: 'restart', down_for_ms: 300 };
    const signal = new AbortController().signal;
    const record = await runFault(spec, {
      app: 'app',
      exec_mode: 'fork',
      command: async () => undefined,
      url: (p) => p,
      instances: () => [],
      load_start: performance.timeOrigin + performance.now(),
      signal,
      stop: signal,
      dependency: deps.handle,
      proxy: deps.proxy,
      random: Math.random,
    });
    expect(record.ok).toBe(true);
    expect((record.t_end as number) - record.t).toBeGreaterThanOrEqual(300);
    // the old postmaster is gone, the held connection was cut, a new server answers
    expect(isAlive(before)).toBe(false);
    expect(await lost).toMatch(/terminat|Connection/i);
    const after = serverPid() as number;
    expect(after).not.toBe(before);
    const restarted = (await query('SELECT pg_postmaster_start_time() AS t')).rows[0].t as Date;
    expect(restarted.getTime()).toBeGreaterThan(started.getTime());
    await held.end().catch(() => {});
  });

  it('a missing executable stops the run with exit 2, naming it and how to install it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'resilab-dep-missing-'));
    try {
      const file = join(dir, 'missing.yaml');
      await writeFile(
        file,
        `app: { script: sample-apps/http-app.js }
dependencies:
  - { name: cache, command: "resilab-no-such-server --port {port}", install: { debian: no-such-pkg, brew: no-such-formula } }
`,
      );
      const result = await runCli(['run', file, '--out', dir]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        'dependencies.cache.command: executable "resilab-no-such-server" not found',
      );
      expect(result.stderr).toContain(
        'apt-get install no-such-pkg (Debian) or brew install no-such-formula (Homebrew)',
      );
      expect(result.stderr).toContain('RESILAB_E_DEPENDENCY_MISSING');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
