import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SCENARIOS_DIR,
  listScenarios,
  loadScenario,
  parseScenario,
} from '../../../src/config/scenario.js';
import { LabError } from '../../../src/errors.js';
import { ROOT, SAMPLE_APPS } from '../../helpers/processes.js';

const APP = 'app: { script: sample-apps/http-app.js }\n';

/** The problem lines of a scenario that must fail (the first line names the file). */
function problems(text: string): string[] {
  try {
    parseScenario(text, { file: '/tmp/x.yaml', baseDir: '/tmp' });
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).code).toBe('RESILAB_E_SCENARIO');
    expect((error as LabError).exitCode).toBe(2);
    const [head, ...lines] = (error as LabError).message.split('\n');
    expect(head).toBe('invalid scenario /tmp/x.yaml:');
    return lines.map((line) => line.trim());
  }
  throw new Error('the scenario was accepted');
}

function parse(text: string) {
  return parseScenario(text, { file: '/tmp/x.yaml', baseDir: '/tmp' });
}

describe('parseScenario: one message per problem, with its path and value', () => {
  it.each([
    [
      `${APP}faults: [{ at: soon, crash: { via: http } }]`,
      'faults[0].at: expected a duration like "5s", got "soon"',
    ],
    [
      `${APP}variants: [{ name: a, exec_mode: clustr }]`,
      'variants[0].exec_mode: expected "fork" or "cluster", got "clustr"',
    ],
    [
      `${APP}variants: [{ name: a, instances: lots }]`,
      'variants[0].instances: expected a number or "max", got "lots"',
    ],
    [
      `${APP}expect: [{ metric: downtime_ms, op: "=<", value: 1 }]`,
      'expect[0].op: expected one of <, <=, >, >=, ==, !=, got "=<"',
    ],
    [
      `${APP}variants: [{ name: single }, { name: cluster, exec_mode: cluster }]\nexpect: [{ variant: clustr, metric: downtime_ms, op: "<", value: 1 }]`,
      'expect[0].variant: no variant named "clustr" (variants: single, cluster)',
    ],
    [
      `${APP}expect: [{ metric: downtime_ms, op: "<", value: soon }]`,
      'expect[0].value: expected a number, got "soon"',
    ],
    [
      `${APP}load: { conections: 5 }`,
      expect.stringMatching(/^load\.conections: unknown key \(known: path, method, connections,/),
    ],
    [`${APP}load: { duration: 0s }`, 'load.duration: expected a duration above 0, got "0s"'],
    [`${APP}load: { connections: 0 }`, 'load.connections: expected a whole number >= 1, got 0'],
    [`${APP}load: 5`, 'load: expected a mapping (key: value), got 5'],
    [`${APP}probe: { interval: fast }`, 'probe.interval: expected a duration like "5s", got "fast"'],
    [`${APP}faults: { at: 1s }`, 'faults: expected a list, got {"at":"1s"}'],
    [
      `${APP}load: { duration: 5s }\nfaults: [{ at: 6s, restart: true }]`,
      'faults[0].at: 6s is not inside the load (load.duration is 5s)',
    ],
    [
      `${APP}faults: [{ at: 1s }]`,
      expect.stringMatching(/^faults\[0\]: expected exactly one fault kind \(crash, .*\), got none$/),
    ],
    [
      `${APP}faults: [{ at: 1s, reload: {}, restart: true }]`,
      expect.stringMatching(/^faults\[0\]: expected exactly one fault kind .*, got reload and restart$/),
    ],
    [
      `${APP}faults: [{ at: 1s, crash: { via: rpc } }]`,
      'faults[0].crash.via: expected "http" or "signal", got "rpc"',
    ],
    [
      `${APP}faults: [{ at: 1s, crash: { via: http, signal: SIGKILL } }]`,
      'faults[0].crash: via: http takes only "path" (the crash hits whichever instance the request reaches)',
    ],
    [
      `${APP}faults: [{ at: 1s, kill: { signal: KILLL } }]`,
      'faults[0].kill.signal: expected a signal name like "SIGKILL" or "SIGTERM", got "KILLL"',
    ],
    [
      `${APP}faults: [{ at: 1s, kill: { instance: first } }]`,
      'faults[0].kill.instance: expected an instance number, "random" or "all", got "first"',
    ],
    [
      `${APP}faults: [{ at: 1s, freeze: { duration: 1s, instance: 1 } }]`,
      'faults[0].freeze.instance: instance 1 does not exist in a variant with 1 instance',
    ],
    [`${APP}faults: [{ at: 1s, freeze: {} }]`, 'faults[0].freeze.duration: required'],
    [
      `${APP}faults: [{ at: 1s, reload: { fast: true } }]`,
      'faults[0].reload: expected true or {} (it takes no options), got {"fast":true}',
    ],
    [
      `${APP}faults: [{ at: 1s, leak: { mb: -1, rate: 5, duration: 1s } }]`,
      'faults[0].leak.mb: expected a number of MiB per request above 0, got -1',
    ],
    [
      `${APP}faults: [{ at: 1s, cpu: { concurrent: 2, path: cpu } }]`,
      'faults[0].cpu.path: expected a path starting with "/", got "cpu"',
    ],
    [
      `${APP}faults: [{ at: 1s, scale: { instances: 0 } }]`,
      'faults[0].scale.instances: expected a whole number >= 1, got 0',
    ],
    [`${APP}app2: 1`, expect.stringMatching(/^app2: unknown key \(known: name, description, app,/)],
    ['name: x', 'app: expected a mapping (key: value), got nothing'],
    ['app: {}', 'app: expected exactly one of "script" or "ecosystem"'],
    [`app: { script: ${SAMPLE_APPS}nope.js }`, `app.script: no such file "${SAMPLE_APPS}nope.js"`],
    [
      `${APP.replace('}', ', supervisor: { restart_dely: 0 } }')}`,
      expect.stringMatching(/^app\.supervisor: unknown ecosystem key "restart_dely" \(known: args,/),
    ],
    [
      `${APP}name: my scenario`,
      'name: expected letters, digits, ".", "_" or "-" (no spaces), got "my scenario"',
    ],
    [`${APP}variants: [{ name: a }, { name: a }]`, 'variants[1].name: "a" is used by another variant'],
    [`${APP}variants: []`, 'variants: expected at least one variant, got []'],
    ['app: [1, 2\nname: x', expect.stringMatching(/^YAML syntax error at line 2, column 1: /)],
    ['- 1', '(file): expected a mapping of scenario keys (name, app, …), got [1]'],
  ])('%s', (text, message) => {
    expect(problems(text)).toContainEqual(message);
  });

  it('names an unknown metric and lists the known ones, closest first', () => {
    const [line] = problems(`${APP}expect: [{ metric: downtime, op: "<", value: 1 }]`);
    expect(line).toMatch(/^expect\[0\]\.metric: unknown metric "downtime" \(known: downtime_ms, /);
    expect(line).toContain('reload_failed_requests');
  });

  it('reports every problem of a file at once, one line each', () => {
    const lines = problems(
      `${APP}variants: [{ name: a, exec_mode: clustr }]\nload: { duration: soon }\nfaults: [{ at: later, restart: true }]\nexpect: [{ variant: b, metric: nope, op: "<", value: 1 }]`,
    );
    expect(lines.map((line) => line.split(':')[0])).toEqual([
      'variants[0].exec_mode',
      'load.duration',
      'faults[0].at',
      'expect[0].metric',
      'expect[0].variant',
    ]);
  });
});

describe('parseScenario: good files', () => {
  it('applies the defaults of DESIGN.md', () => {
    const s = parse(APP);
    expect(s.name).toBe('x');
    expect(s.description).toBe('');
    expect(s.file).toBe('/tmp/x.yaml');
    expect(s.variants).toEqual([
      {
        name: 'single',
        manager: 'resilab',
        exec_mode: 'fork',
        instances: 1,
        supervisor: {},
        script: null,
        env: {},
      },
    ]);
    expect(s.load).toEqual({
      model: 'closed',
      path: '/',
      method: 'GET',
      connections: 20,
      duration_ms: 10_000,
      warmup_ms: 1_000,
      pipelining: 1,
      rate: null,
      timeout_ms: 2_000,
    });
    expect(s.probe).toEqual({ path: '/', interval_ms: 10, timeout_ms: 500 });
    expect(s.faults).toEqual([]);
    expect(s.expect).toEqual([]);
    expect(s.host).toBe('127.0.0.1');
  });

  it('turns the probe off with probe: false and reads env values as text', () => {
    const s = parse(
      `app: { script: sample-apps/http-app.js, env: { PORT_OFFSET: 1, DEBUG: true } }\nprobe: false\nvariants: [{ name: c, exec_mode: cluster_mode, instances: max, env: { A: b } }]`,
    );
    expect(s.probe).toBeNull();
    expect(s.app.env).toEqual({ PORT_OFFSET: '1', DEBUG: 'true' });
    expect(s.variants[0]).toMatchObject({ exec_mode: 'cluster', instances: 'max', env: { A: 'b' } });
  });

  it('resolves sample-apps/ paths against the package when they are not next to the file', () => {
    const s = parse(`${APP}variants: [{ name: bare, script: ./sample-apps/bare-app.js }]`);
    expect(s.app.script).toBe(`${SAMPLE_APPS}http-app.js`);
    expect(s.variants[0]?.script).toBe(`${SAMPLE_APPS}bare-app.js`);
    const local = parseScenario(`name: n\napp: { script: routes.js }`, { file: null, baseDir: SAMPLE_APPS });
    expect(local.app.script).toBe(`${SAMPLE_APPS}routes.js`);
    expect(local.file).toBeNull();
    expect(() => parseScenario(APP, { file: null, baseDir: '/tmp' })).toThrow(
      'name: required (the scenario has no file to take it from)',
    );
  });

  it('reads every fault kind with its defaults, ordered by time', () => {
    const s = parse(`${APP}variants: [{ name: c, exec_mode: cluster, instances: 2 }]
load: { duration: 20s }
faults:
  - { at: 10s, crash: { via: http } }
  - { at: 1s, crash: { via: signal, signal: SIGTERM, instance: 1 } }
  - { at: 2s, crash: { via: signal } }
  - { at: 3s, kill: { signal: term, instance: random } }
  - { at: 4s, freeze: { duration: 2s } }
  - { at: 5s, leak: { mb: 10, rate: 5, duration: 2s } }
  - { at: 6s, cpu: { concurrent: 2 } }
  - { at: 7s, reload: {} }
  - { at: 7500ms, reload: true }
  - { at: 8s, restart: true }
  - { at: 9s, scale: { instances: 3 } }
  - { at: 11s, boot-crash: {} }
  - { at: 12s, boot-crash: { env: { FAIL: 1 } } }
  - { at: 13s, kill: {} }
  - { at: 14s, hang: {} }
  - { at: 15s, hang: { path: /stuck } }
`);
    expect(s.faults).toEqual([
      { kind: 'crash', at_ms: 1000, via: 'signal', signal: 'SIGTERM', instance: 1 },
      { kind: 'crash', at_ms: 2000, via: 'signal', signal: 'SIGKILL', instance: 0 },
      { kind: 'kill', at_ms: 3000, signal: 'SIGTERM', instance: 'random' },
      { kind: 'freeze', at_ms: 4000, duration_ms: 2000, instance: 0 },
      { kind: 'leak', at_ms: 5000, path: '/leak', mb: 10, rate_per_s: 5, duration_ms: 2000 },
      { kind: 'cpu', at_ms: 6000, path: '/cpu', concurrent: 2, loops: 10_000_000 },
      { kind: 'reload', at_ms: 7000 },
      { kind: 'reload', at_ms: 7500 },
      { kind: 'restart', at_ms: 8000 },
      { kind: 'scale', at_ms: 9000, instances: 3 },
      { kind: 'crash', at_ms: 10_000, via: 'http', path: '/crash', instance: 'random' },
      { kind: 'boot-crash', at_ms: 11_000, env: { CRASH_ON_BOOT: '1' } },
      { kind: 'boot-crash', at_ms: 12_000, env: { FAIL: '1' } },
      { kind: 'kill', at_ms: 13_000, signal: 'SIGKILL', instance: 0 },
      { kind: 'hang', at_ms: 14_000, path: '/hang' },
      { kind: 'hang', at_ms: 15_000, path: '/stuck' },
    ]);
  });

  it('reads JSON as well as YAML', () => {
    const s = parse(
      JSON.stringify({ name: 'j', app: { script: 'sample-apps/http-app.js' }, load: { duration: 3000 } }),
    );
    expect(s.load.duration_ms).toBe(3000);
  });
});

describe('built-in scenarios', () => {
  it('are all valid, and list with their descriptions', async () => {
    const rows = await listScenarios(BUILTIN_SCENARIOS_DIR);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['crash-recovery', 'reload']));
    for (const row of rows) {
      const s = await loadScenario(row.file);
      expect(s.name).toBe(row.name);
      expect(row.description.length).toBeGreaterThan(20);
    }
    expect(BUILTIN_SCENARIOS_DIR).toBe(`${ROOT}scenarios`);
  });

  it("crash-recovery is DESIGN.md's example", async () => {
    const s = await loadScenario(`${BUILTIN_SCENARIOS_DIR}/crash-recovery.yaml`);
    expect(s.variants.map((v) => [v.name, v.exec_mode, v.instances])).toEqual([
      ['single', 'fork', 1],
      ['cluster', 'cluster', 2],
    ]);
    expect(s.faults).toEqual([
      { kind: 'crash', at_ms: 4000, via: 'http', path: '/crash', instance: 'random' },
    ]);
    expect(s.load).toMatchObject({ connections: 20, duration_ms: 12_000, warmup_ms: 2_000 });
    expect(s.expect).toHaveLength(2);
  });

  it('lists a broken file as unreadable instead of hiding the others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'resilab-scenarios-'));
    try {
      await writeFile(join(dir, 'b.yaml'), 'name: broken\ndescription: [oops\n');
      await writeFile(join(dir, 'a.yml'), 'description: "  No name: the file names it.  "\n');
      await writeFile(join(dir, 'notes.txt'), 'not a scenario');
      const rows = await listScenarios(dir);
      expect(rows.map((r) => [r.name, r.file])).toEqual([
        ['a', join(dir, 'a.yml')],
        ['b', join(dir, 'b.yaml')],
      ]);
      expect(rows[0]?.description).toBe('No name: the file names it.');
      expect(rows[1]?.description).toMatch(/^\(unreadable: /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a missing file is a scenario error naming it', async () => {
    await expect(loadScenario('/nonexistent/s.yaml')).rejects.toMatchObject({
      code: 'RESILAB_E_SCENARIO',
      message: expect.stringContaining('"/nonexistent/s.yaml"'),
    });
  });
});

describe('parseScenario: managers', () => {
  it("refuses a fault a variant's manager cannot take, naming the variant and the fault", () => {
    const text = `${APP}variants:\n  - { name: bare, manager: node }\n  - { name: pm, manager: pm2 }\nfaults:\n  - { at: 2s, reload: {} }\n  - { at: 3s, crash: {} }\n`;
    expect(problems(text)).toEqual([
      'faults[0].reload: variant "bare" (manager node) cannot take it: reload needs a supervisor to restart the app; manager node runs plain `node app.js` with nothing over it',
    ]);
  });

  it('names the managers a variant may use', () => {
    expect(problems(`${APP}variants:\n  - { name: a, manager: forever }\n`)).toEqual([
      'variants[0].manager: expected one of "resilab", "pm2", "node", "node-cluster", got "forever"',
    ]);
  });
});
