import { describe, expect, it } from 'vitest';
import type { FaultContext } from '../../../src/faults/context.js';
import { FAULTS, runFault } from '../../../src/faults/index.js';
import type { FaultSpec, SupervisorCommand } from '../../../src/types.js';

// A hand-made context: the command faults only talk to `command`, so recording it shows what they send.
function context(overrides: Partial<FaultContext> = {}): FaultContext & { sent: SupervisorCommand[] } {
  const sent: SupervisorCommand[] = [];
  return {
    app: 'web',
    exec_mode: 'cluster',
    command: async (command) => {
      sent.push(command);
    },
    url: (path) => `http://127.0.0.1:1${path}`,
    instances: () => [{ instance: 0, pid: 10 }],
    load_start: 1000,
    signal: new AbortController().signal,
    stop: new AbortController().signal,
    random: () => 0,
    sent,
    ...overrides,
  };
}

describe('the fault map', () => {
  it('has a fault for every kind of DESIGN.md', () => {
    expect(Object.keys(FAULTS).sort()).toEqual(
      ['boot-crash', 'cpu', 'crash', 'freeze', 'kill', 'leak', 'reload', 'restart', 'scale'].sort(),
    );
  });

  it('sends reload, restart and scale to the app and records the reply', async () => {
    const c = context();
    const specs: FaultSpec[] = [
      { kind: 'reload', at_ms: 1 },
      { kind: 'restart', at_ms: 2 },
      { kind: 'scale', at_ms: 3, instances: 4 },
    ];
    const records = [];
    for (const spec of specs) records.push(await runFault(spec, c));
    expect(c.sent).toEqual([
      { cmd: 'reload', target: 'web' },
      { cmd: 'restart', target: 'web' },
      { cmd: 'scale', target: 'web', instances: 4 },
    ]);
    for (const record of records) {
      expect(record.ok).toBe(true);
      expect(record.t_end).not.toBeNull();
      expect(record.targets).toEqual([{ instance: 0, pid: 10 }]);
    }
  });

  it('deploys a crashing env: reload in cluster mode, restart in fork mode', async () => {
    const cluster = context();
    await runFault({ kind: 'boot-crash', at_ms: 0, env: {} }, cluster);
    expect(cluster.sent).toEqual([{ cmd: 'reload', target: 'web', env: { CRASH_ON_BOOT: '1' } }]);
    const fork = context({ exec_mode: 'fork' });
    await runFault({ kind: 'boot-crash', at_ms: 0, env: { BROKEN: 'yes' } }, fork);
    expect(fork.sent).toEqual([{ cmd: 'restart', target: 'web', env: { BROKEN: 'yes' } }]);
  });

  it('records a failed command as a failed fault, not a thrown error', async () => {
    const c = context({
      command: async () => {
        throw new Error('reload failed: instance 1 never listened');
      },
    });
    const record = await runFault({ kind: 'reload', at_ms: 0 }, c);
    expect(record.ok).toBe(false);
    expect(record.error).toBe('reload: reload failed: instance 1 never listened');
  });

  it('stops waiting for a reply when the run ends', async () => {
    const controller = new AbortController();
    const c = context({ command: () => new Promise(() => {}), stop: controller.signal });
    const pending = runFault({ kind: 'restart', at_ms: 0 }, c);
    controller.abort();
    const record = await pending;
    expect(record.ok).toBe(false);
    expect(record.error).toMatch(/run ended/);
  });

  it('lets a command in flight finish when only the load ended (no stop mid-reload)', async () => {
    const loadEnd = new AbortController();
    let reply: () => void = () => {};
    const c = context({ command: () => new Promise((resolve) => (reply = resolve)), signal: loadEnd.signal });
    const pending = runFault({ kind: 'reload', at_ms: 0 }, c);
    loadEnd.abort();
    reply();
    const record = await pending;
    expect(record.ok).toBe(true);
    expect(record.t_end).not.toBeNull();
  });

  it('fails a signal fault that names an instance with no process, sending nothing', async () => {
    const record = await runFault({ kind: 'kill', at_ms: 0, signal: 'SIGKILL', instance: 3 }, context());
    expect(record.ok).toBe(false);
    expect(record.targets).toEqual([]);
    expect(record.error).toMatch(/instance 3/);
  });
});
