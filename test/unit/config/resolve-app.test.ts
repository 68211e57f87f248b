import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveApp } from '../../../src/config/ecosystem.js';
import { instanceCount } from '../../../src/config/readers.js';
import { LabError } from '../../../src/errors.js';

let dir: string;
let script: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-resolve-'));
  script = join(dir, 'server.js');
  writeFileSync(script, '');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'worker.mjs'), '');
});

const resolveIn = (raw: unknown, env?: string) =>
  resolveApp(raw, { where: 'apps[0]', baseDir: dir, env, home: '/tmp/resilab-home' });

/** The LabError resolveIn throws for raw. */
function failure(raw: unknown): LabError {
  try {
    resolveIn(raw);
  } catch (error) {
    if (error instanceof LabError) return error;
    throw error;
  }
  throw new Error('expected resolveApp to throw');
}

describe('resolveApp: defaults', () => {
  it('applies every PM2 default and resilab key default', () => {
    const { app, warnings } = resolveIn({ script: 'server.js' });
    expect(warnings).toEqual([]);
    expect(app).toEqual({
      name: 'server',
      script,
      args: [],
      cwd: dir,
      interpreter: process.execPath,
      node_args: [],
      instances: 1,
      exec_mode: 'fork',
      env: {},
      autorestart: true,
      stop_exit_codes: [],
      min_uptime: 1000,
      max_restarts: 16,
      restart_delay: 0,
      exp_backoff_restart_delay: 0,
      exp_backoff_max_delay: 15_000,
      exp_backoff_reset_after: 30_000,
      max_memory_restart: null,
      memory_check_interval: 1000,
      kill_timeout: 1600,
      listen_timeout: 3000,
      wait_ready: false,
      shutdown_with_message: false,
      out_file: null,
      error_file: null,
      merge_logs: false,
      log_date_format: null,
      time: false,
      instance_var: 'NODE_APP_INSTANCE',
      increment_var: null,
      cron_restart: null,
      log_file: null,
      pid_file: null,
      ready_on_port: false,
      watch: false,
      ignore_watch: [],
      reload_concurrency: 1,
      max_log_size: null,
      retain: 5,
      heartbeat_timeout: null,
      health_check: null,
    });
  });
});

describe('resolveApp: cron_restart', () => {
  it("takes 5 fields, 6 with seconds first, and PM2's alias cron; a bad expression names the key", () => {
    expect(resolveIn({ script: 'server.js', cron_restart: '0 3 * * *' }).app.cron_restart).toBe('0 3 * * *');
    expect(resolveIn({ script: 'server.js', cron: '*/2 * * * * *' }).app.cron_restart).toBe('*/2 * * * * *');
    expect(failure({ script: 'server.js', cron_restart: 'every night' }).message).toBe(
      'apps[0].cron_restart: expected a cron expression like "0 3 * * *" (or 6 fields with seconds first), got "every night"',
    );
  });
});

describe('resolveApp: values', () => {
  it('reads durations, sizes, lists and strings the way PM2 files write them', () => {
    const { app } = resolveIn({
      script: 'server.js',
      args: '--port  8080 -v',
      node_args: ['--max-old-space-size=128'],
      min_uptime: '2s',
      kill_timeout: '1600',
      max_memory_restart: '150M',
      max_log_size: '10M',
      stop_exit_codes: 42,
      max_restarts: '10',
      watch: 'src',
      ignore_watch: 'node_modules',
      autorestart: 'false',
      env: { PORT: 3000, DEBUG: true, OPTS: { a: 1 }, GONE: null },
    });
    expect(app.args).toEqual(['--port', '8080', '-v']);
    expect(app.node_args).toEqual(['--max-old-space-size=128']);
    expect([app.min_uptime, app.kill_timeout, app.max_restarts]).toEqual([2000, 1600, 10]);
    expect(app.max_memory_restart).toBe(150 * 1024 * 1024);
    expect(app.max_log_size).toBe(10 * 1024 * 1024);
    expect(app.stop_exit_codes).toEqual([42]);
    expect(app.watch).toEqual(['src']);
    expect(app.ignore_watch).toEqual(['node_modules']);
    expect(app.autorestart).toBe(false);
    expect(app.env).toEqual({ PORT: '3000', DEBUG: 'true', OPTS: '{"a":1}' });
  });

  it('resolves cwd against the base directory and script against cwd; log paths absolute; /dev/null kept', () => {
    const { app } = resolveIn({
      script: 'worker.mjs',
      cwd: 'sub',
      out_file: 'logs/out.log',
      error_file: '/dev/null',
    });
    expect(app.cwd).toBe(join(dir, 'sub'));
    expect(app.script).toBe(join(dir, 'sub', 'worker.mjs'));
    expect(app.name).toBe('worker');
    expect(app.out_file).toBe(join(dir, 'sub', 'logs', 'out.log'));
    expect(app.error_file).toBe('/dev/null');
  });

  it('accepts PM2 aliases (combine_logs, output, error, interpreter_args, exec_interpreter)', () => {
    const { app, warnings } = resolveIn({
      script: 'server.js',
      combine_logs: true,
      output: '/tmp/o.log',
      error: '/tmp/e.log',
      interpreter_args: '--trace-warnings',
      exec_interpreter: 'node',
    });
    expect(warnings).toEqual([]);
    expect([app.merge_logs, app.out_file, app.error_file]).toEqual([true, '/tmp/o.log', '/tmp/e.log']);
    expect(app.node_args).toEqual(['--trace-warnings']);
    expect(app.interpreter).toBe(process.execPath);
  });

  it('interpreter: a path must exist, a bare name is looked up on PATH (as PM2)', () => {
    expect(failure({ script: 'server.js', interpreter: './bin/node' }).message).toBe(
      `apps[0].interpreter: no such program ${JSON.stringify(join(dir, 'bin/node'))}`,
    );
    expect(resolveIn({ script: 'server.js', interpreter: 'bash' }).app.interpreter).toMatch(/\/bash$/);
    expect(failure({ script: 'server.js', interpreter: 'no-such-interp' }).message).toBe(
      'apps[0].interpreter: "no-such-interp" is not on PATH',
    );
  });
});

describe('resolveApp: instances and exec_mode (PM2 rules)', () => {
  const cpus = availableParallelism();
  it.each([
    [undefined, undefined, 1, 'fork'],
    [1, undefined, 1, 'cluster'],
    ['3', undefined, 3, 'cluster'],
    ['max', undefined, cpus, 'cluster'],
    [0, undefined, cpus, 'cluster'],
    [-1, undefined, Math.max(1, cpus - 1), 'cluster'],
    [-2, undefined, 1, 'fork'],
    [4, 'fork', 4, 'fork'],
    [2, 'cluster_mode', 2, 'cluster'],
    [undefined, 'cluster', 1, 'cluster'],
    [undefined, 'fork_mode', 1, 'fork'],
  ])('instances %j, exec_mode %j → %d × %s', (instances, exec_mode, count, mode) => {
    const { app } = resolveIn({ script: 'server.js', instances, exec_mode });
    expect([app.instances, app.exec_mode]).toEqual([count, mode]);
  });

  it('a non-node interpreter never implies cluster', () => {
    expect(resolveIn({ script: 'server.js', instances: 2, interpreter: 'bash' }).app.exec_mode).toBe('fork');
  });

  it('instanceCount: max/0 = CPUs, -1 = CPUs-1 (at least 1), other <= 0 → 1', () => {
    expect([0, 'max', -1, -5, 3].map((n) => instanceCount(n as number | 'max', 4))).toEqual([4, 4, 3, 1, 3]);
    expect(instanceCount(-1, 1)).toBe(1);
  });
});

describe('resolveApp: env selection', () => {
  const raw = { script: 'server.js', env: { A: '1', B: '1' }, env_production: { B: '2', C: 3 } };
  it('merges env_<name> over env', () => {
    expect(resolveIn(raw, 'production').app.env).toEqual({ A: '1', B: '2', C: '3' });
    expect(resolveIn(raw).app.env).toEqual({ A: '1', B: '1' });
  });
  it('an unknown env name is a warning, not an error', () => {
    const { app, warnings } = resolveIn(raw, 'staging');
    expect(app.env).toEqual({ A: '1', B: '1' });
    expect(warnings).toEqual(['apps[0]: no env_staging for --env staging: using env only']);
  });
});

describe('resolveApp: problems', () => {
  it.each([
    [{ instances: 'lots' }, `apps[0].instances: expected a number, 'max' or -1, got "lots"`],
    [{ instances: 1.5 }, `apps[0].instances: expected a number, 'max' or -1, got 1.5`],
    [{ exec_mode: 'threads' }, `apps[0].exec_mode: expected 'fork' or 'cluster', got "threads"`],
    [{ min_uptime: 'soon' }, `apps[0].min_uptime: expected a duration in ms or like "1s", got "soon"`],
    [{ kill_timeout: -5 }, `apps[0].kill_timeout: expected a duration in ms or like "1s", got -5`],
    [{ max_memory_restart: 'lots' }, `apps[0].max_memory_restart: expected a size like "150M", got "lots"`],
    [{ max_restarts: -1 }, `apps[0].max_restarts: expected a whole number >= 0, got -1`],
    [{ reload_concurrency: 0 }, `apps[0].reload_concurrency: expected a whole number >= 1, got 0`],
    [{ autorestart: 'yes' }, `apps[0].autorestart: expected true or false, got "yes"`],
    [
      { stop_exit_codes: [0, 'x'] },
      `apps[0].stop_exit_codes: expected an exit code or an array of exit codes, got [0,"x"]`,
    ],
    [{ args: { a: 1 } }, `apps[0].args: expected a string or an array of strings, got {"a":1}`],
    [{ env: 'PORT=1' }, `apps[0].env: expected an object of environment variables, got "PORT=1"`],
    [{ max_restarts: null }, `apps[0].max_restarts: expected a whole number >= 0, got null`],
    [{ max_log_size: 0 }, `apps[0].max_log_size: expected a size like "10M" or null, got 0`],
    [{ name: 'all' }, `apps[0].name: "all" is reserved (all, or a number: ids)`],
    [{ cwd: 'nowhere' }, 'apps[0].cwd: no such directory'],
  ])('%j → %s', (extra, message) => {
    const error = failure({ script: 'server.js', ...extra });
    expect(error.code).toBe('RESILAB_E_ECOSYSTEM');
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('lists several problems, one per line, in key order', () => {
    const error = failure({ script: 'server.js', min_uptime: 'soon', instances: 'lots' });
    expect(error.message).toBe(
      `apps[0].instances: expected a number, 'max' or -1, got "lots"\n` +
        `apps[0].min_uptime: expected a duration in ms or like "1s", got "soon"`,
    );
  });

  it('a missing or nonexistent script is RESILAB_E_SCRIPT_NOT_FOUND naming the path', () => {
    expect(failure({ name: 'x' })).toMatchObject({ code: 'RESILAB_E_SCRIPT_NOT_FOUND', exitCode: 2 });
    const error = failure({ script: 'nope.js' });
    expect(error.code).toBe('RESILAB_E_SCRIPT_NOT_FOUND');
    expect(error.message).toBe(
      `apps[0].script: no such file ${JSON.stringify(join(dir, 'nope.js'))} (relative names are read from ${dir}, as PM2 does) and no command "nope.js" on PATH`,
    );
  });

  it('a non-object entry is named with its value', () => {
    expect(failure('server.js').message).toBe('apps[0]: expected an app object, got "server.js"');
  });

  it('unknown keys give ONE warning naming them all', () => {
    const { warnings } = resolveIn({ script: 'server.js', instancs: 2, foo: 1, env_x: {} });
    expect(warnings).toEqual([
      'apps[0]: unknown keys ignored: "instancs" (did you mean "instances"?), "foo"',
    ]);
  });
});
