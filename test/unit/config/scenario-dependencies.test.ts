// `dependencies:` entries and the `dependency:` / `network:` faults: every bad entry is one line
// naming the field and the value (exit 2), good ones resolve to the specs the runner uses.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../../src/config/scenario.js';
import { LabError } from '../../../src/errors.js';

const HEAD = 'app: { script: sample-apps/http-app.js }\nload: { duration: 10s }\n';
const DB = `dependencies:
  - name: db
    command: postgres -D {data_dir} -p {port}
    env: { DATABASE_URL: "postgres://postgres@{host}:{port}/postgres" }
`;

function parse(text: string) {
  return parseScenario(HEAD + text, { file: '/tmp/x.yaml', baseDir: '/tmp' });
}

function problems(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).exitCode).toBe(2);
    return (error as LabError).message
      .split('\n')
      .slice(1)
      .map((l) => l.trim());
  }
  throw new Error('the scenario was accepted');
}

const fault = (yaml: string) => `${DB}faults:\n  - ${yaml}\n`;

describe('dependencies:', () => {
  it('resolves an entry with its defaults', () => {
    const s = parse(DB);
    expect(s.dependencies).toEqual([
      {
        name: 'db',
        init: null,
        command: ['postgres', '-D', '{data_dir}', '-p', '{port}'],
        ready: { log: null, timeout_ms: 30_000 },
        env: { DATABASE_URL: 'postgres://postgres@{host}:{port}/postgres' },
        stop_signal: 'SIGTERM',
        install: { debian: null, brew: null },
      },
    ]);
  });

  it('names the field and the value of a bad entry', () => {
    expect(problems('dependencies:\n  - { name: db, command: "postgres -D x" }\n')).toEqual([
      'dependencies[0].command: expected the {port} placeholder (the lab picks the port), got "postgres -D x"',
    ]);
    expect(problems('dependencies:\n  - { name: "my db", command: "x {port}" }\n')).toEqual([
      'dependencies[0].name: expected letters, digits, ".", "_" or "-" (no spaces), got "my db"',
    ]);
    expect(problems('dependencies:\n  - { name: db, command: "x {port}", stop_signal: NOPE }\n')).toEqual([
      'dependencies[0].stop_signal: expected a signal name like "SIGKILL" or "SIGTERM", got "NOPE"',
    ]);
    expect(
      problems('dependencies:\n  - { name: db, command: "x {port}", ready: { timeout: soon } }\n'),
    ).toEqual(['dependencies[0].ready.timeout: expected a duration like "5s", got "soon"']);
    expect(problems('dependencies:\n  - { name: db, command: "x {port}", port: 5432 }\n')[0]).toMatch(
      /^dependencies\[0\]\.port: unknown key \(known: name, init, command, ready, env, stop_signal, install\)$/,
    );
    expect(
      problems(
        'dependencies:\n  - { name: db, command: "x {port}" }\n  - { name: db, command: "y {port}" }\n',
      ),
    ).toEqual(['dependencies[1].name: "db" is used by another dependency']);
  });
});

describe('dependency: and network: faults', () => {
  it('resolve to their specs with Toxiproxy attribute names', () => {
    const s = parse(
      `${DB}faults:
  - { at: 1s, dependency: { name: db, down_for: 3s } }
  - { at: 2s, network: { target: db, toxic: latency, latency: 100, jitter: 10ms, duration: 1s } }
  - { at: 3s, network: { target: app, toxic: bandwidth, rate: 50, stream: upstream, duration: 1s } }
  - { at: 4s, network: { target: db, toxic: reset_peer, duration: 1s } }
  - { at: 5s, network: { target: db, toxic: down, duration: 500ms } }
`,
    );
    expect(s.faults).toEqual([
      { kind: 'dependency', at_ms: 1000, name: 'db', action: 'restart', down_for_ms: 3000 },
      {
        kind: 'network',
        at_ms: 2000,
        target: 'db',
        duration_ms: 1000,
        toxic: { toxic: 'latency', latency: 100, jitter: 10, stream: 'downstream' },
      },
      {
        kind: 'network',
        at_ms: 3000,
        target: 'app',
        duration_ms: 1000,
        toxic: { toxic: 'bandwidth', rate: 50, stream: 'upstream' },
      },
      {
        kind: 'network',
        at_ms: 4000,
        target: 'db',
        duration_ms: 1000,
        toxic: { toxic: 'reset_peer', timeout: 0 },
      },
      { kind: 'network', at_ms: 5000, target: 'db', duration_ms: 500, toxic: { toxic: 'down' } },
    ]);
  });

  it('name the field and the value of a bad entry', () => {
    expect(problems(fault('{ at: 1s, dependency: { name: cache } }'))).toEqual([
      'faults[0].dependency.name: no dependency named "cache" (dependencies: db)',
    ]);
    expect(problems(fault('{ at: 1s, dependency: { name: db, action: reboot } }'))).toEqual([
      'faults[0].dependency.action: expected one of "restart", "stop", "start", got "reboot"',
    ]);
    expect(problems(fault('{ at: 1s, network: { target: web, toxic: down, duration: 1s } }'))).toEqual([
      `faults[0].network.target: expected "app" or a dependency's name (dependencies: db), got "web"`,
    ]);
    expect(problems(fault('{ at: 1s, network: { target: db, toxic: lag, duration: 1s } }'))).toEqual([
      'faults[0].network.toxic: expected one of "latency", "bandwidth", "reset_peer", "timeout", "down", "slow_close", got "lag"',
    ]);
    expect(problems(fault('{ at: 1s, network: { target: db, toxic: latency, duration: 1s } }'))).toEqual([
      'faults[0].network.latency: required',
    ]);
    expect(
      problems(fault('{ at: 1s, network: { target: db, toxic: bandwidth, rate: -5, duration: 1s } }')),
    ).toEqual(['faults[0].network.rate: expected a rate in KB/s above 0, got -5']);
    expect(
      problems(fault('{ at: 1s, network: { target: db, toxic: down, latency: 5, duration: 1s } }')),
    ).toEqual(['faults[0].network.latency: toxic "down" takes no "latency" (its attributes: none)']);
    expect(problems(fault('{ at: 1s, network: { target: db, toxic: timeout } }'))).toEqual([
      'faults[0].network.duration: required',
    ]);
    expect(
      problems(
        fault(
          '{ at: 1s, network: { target: db, toxic: slow_close, delay: 1s, stream: sideways, duration: 1s } }',
        ),
      ),
    ).toEqual(['faults[0].network.stream: expected "downstream" or "upstream", got "sideways"']);
  });
});
