// The config side of PM2's keys: the cgroup CPU count, JSON with comments, unknown-key warnings,
// cron expressions, and the new keys resolved.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cgroupQuota, usableCpus } from '../../../src/config/cpus.js';
import { parseJsonWithComments, stripComments } from '../../../src/config/json-comments.js';
import { cronProblem } from '../../../src/config/pm2-readers.js';
import { resolveApp } from '../../../src/config/resolve-app.js';
import { unknownKeyWarnings } from '../../../src/config/unknown-keys.js';
import { FIXTURES } from '../../helpers/processes.js';

const CGROUP = join(FIXTURES, 'cgroup');

describe("instances: 'max' counts the CPUs this process may use", () => {
  it('cgroup v2 cpu.max: a quota of 1.5 CPUs → 2; "max" → no limit', () => {
    expect(cgroupQuota(join(CGROUP, 'v2-quota'))).toBe(1.5);
    expect(usableCpus(join(CGROUP, 'v2-quota'), 8)).toBe(2);
    expect(cgroupQuota(join(CGROUP, 'v2-max'))).toBeNull();
    expect(usableCpus(join(CGROUP, 'v2-max'), 8)).toBe(8);
  });
  it('cgroup v1 cfs_quota_us / cfs_period_us: half a CPU → 1; never more than availableParallelism', () => {
    expect(usableCpus(join(CGROUP, 'v1'), 8)).toBe(1);
    expect(usableCpus(join(CGROUP, 'v2-quota'), 1)).toBe(1);
    expect(usableCpus(join(CGROUP, 'none'), 3)).toBe(3);
  });
});

describe('JSON ecosystem files with comments', () => {
  it('// and /* */ comments and trailing commas are read; strings are kept', () => {
    const text = '{\n // apps\n "apps": [{ "script": "a//b.js", /* x */ "args": "1,]", }],\n}';
    expect(parseJsonWithComments(text, 'e.json')).toEqual({ apps: [{ script: 'a//b.js', args: '1,]' }] });
    expect(stripComments('{"a": 1} // x').trim()).toBe('{"a": 1}');
  });
  it('a syntax error names its line and column', () => {
    expect(() =>
      parseJsonWithComments('{\n "apps": [\n  {"script": "a.js" "x": 1}\n ]\n}', 'e.json'),
    ).toThrow(/cannot be parsed at line 3, column 21/);
  });
});

describe('unknown keys', () => {
  it('a typo names the key it is closest to; a PM2 key resilab does not act on says so', () => {
    expect(unknownKeyWarnings('apps[0]', ['instnces', 'zzz', 'vizion'], ['instances', 'name'])).toEqual([
      'apps[0]: unknown keys ignored: "instnces" (did you mean "instances"?), "zzz"',
      'apps[0]: PM2 keys resilab does not act on, ignored: "vizion" (no version metadata)',
    ]);
  });
});

describe('cron_restart', () => {
  it('5 fields, 6 with seconds; a bad field is refused', () => {
    expect(cronProblem('0 3 * * *')).toBeNull();
    expect(cronProblem('*/2 * * * * *')).toBeNull();
    expect(cronProblem('61 * * * *')).toMatch(/minute/);
  });
});

describe('the PM2 keys, resolved', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resilab-pm2keys-'));
  writeFileSync(join(dir, 'server.js'), '');
  writeFileSync(join(dir, 'job.sh'), 'echo hi\n');
  const resolveIn = (entry: object) => resolveApp(entry, { where: 'apps[0]', baseDir: dir, home: '/h' });

  it('port → env.PORT; aliases cmd/out/err/log/cron/pid/interpreterArgs; NULL and ~ paths', () => {
    const { app, warnings } = resolveIn({
      cmd: 'server.js',
      port: 3000,
      out: 'NULL',
      err: '~/e.log',
      log: 'all.log',
      cron: '*/2 * * * * *',
      pid: 'app.pid',
      interpreterArgs: '--trace-warnings',
      increment_var: 'PORT',
    });
    expect(warnings).toEqual([]);
    expect(app).toMatchObject({
      env: { PORT: '3000' },
      out_file: '/dev/null',
      error_file: join(process.env.HOME ?? '', 'e.log'),
      log_file: join(dir, 'all.log'),
      cron_restart: '*/2 * * * * *',
      pid_file: join(dir, 'app.pid'),
      node_args: ['--trace-warnings'],
      increment_var: 'PORT',
      ready_on_port: false,
    });
  });
  it('.sh runs with bash (by extension, as PM2) in fork mode even with instances; a bad cron is refused with the warnings', () => {
    const { app } = resolveIn({ script: 'job.sh', instances: 2 });
    expect(app.interpreter).toMatch(/\/bash$/);
    expect(app).toMatchObject({ exec_mode: 'fork', ready_on_port: true });
    expect(() => resolveIn({ script: 'server.js', cron_restart: '61 * * * *', instancs: 2 })).toThrow(
      /apps\[0\]\.cron_restart: expected a cron expression.*\n\(warning\) apps\[0\]: unknown keys ignored: "instancs" \(did you mean "instances"\?\)/,
    );
  });
});
