// Every transition of the state table, made by the supervisor core itself (no process started): each
// scenario drives an instance on a fake launcher and must produce the moves it claims, and the
// claims together must cover the table, so a transition nobody makes cannot stay in it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRANSITIONS } from '../../../src/supervisor/states.js';
import type { AppConfig } from '../../../src/types.js';
import { type FakeChild, flush, harness } from './fake-launcher.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

type Live = 'launching' | 'online' | 'listening' | 'ready';

/** Brings a fresh child to a live state (ready needs wait_ready). */
function driveTo(child: FakeChild, state: Live): void {
  if (state === 'online' || state === 'listening') child.online();
  if (state === 'listening') child.listen();
  if (state === 'ready') child.online().ready();
}

interface Scenario {
  name: string;
  over: Partial<AppConfig>;
  covers: string[];
  run(h: ReturnType<typeof harness>): Promise<void>;
}

const live: Live[] = ['launching', 'online', 'listening', 'ready'];
const watched = ['online', 'listening', 'ready'] as const;

/** The two ways the supervisor gives up on a live process, and the keys that turn each on. */
const condemn = {
  hung: {
    over: { heartbeat_timeout: 1000 },
    act: (child: FakeChild) => child.hang(),
  },
  unhealthy: {
    over: { health_check: { path: '/health', interval: 100, timeout: 50, failures: 2, gate_ready: false } },
    act: (child: FakeChild) => {
      child.healthy = false;
    },
  },
} as const;

/** Past listen_timeout (a process that never listens counts as up then) and the detection. */
const DETECT_MS = 3000 + 1500;

const scenarios: Scenario[] = [
  {
    name: 'start, listen, ready, stop (wait_ready)',
    over: { wait_ready: true },
    covers: [
      'stopped→launching',
      'launching→online',
      'online→listening',
      'listening→ready',
      'ready→stopping',
      'stopping→stopped',
    ],
    async run(h) {
      await h.locked(() => h.instance.spawn());
      h.launcher.last.online().listen().ready();
      await h.locked(() => h.instance.stop('stop'));
    },
  },
  ...(['launching', 'online', 'listening'] as const).map(
    (state): Scenario => ({
      name: `stop while ${state}`,
      over: { wait_ready: true },
      covers: [`${state}→stopping`],
      async run(h) {
        await h.locked(() => h.instance.spawn());
        driveTo(h.launcher.last, state);
        await h.locked(() => h.instance.stop('stop'));
      },
    }),
  ),
  ...live.map(
    (state): Scenario => ({
      name: `crash while ${state} → waiting-restart → launching; a second crash, stopped while it waits`,
      over: { wait_ready: state === 'ready', restart_delay: 100 },
      covers: [
        `${state}→stopped`,
        `${state}→waiting-restart`,
        'waiting-restart→launching',
        'waiting-restart→stopped',
      ],
      async run(h) {
        await h.locked(() => h.instance.spawn());
        driveTo(h.launcher.last, state);
        h.launcher.last.exit(1);
        await flush(100);
        expect(h.instance.state).toBe('launching');
        h.launcher.last.exit(1);
        await h.locked(() => h.instance.stop('stop'));
      },
    }),
  ),
  ...live.map(
    (state): Scenario => ({
      name: `crash loop ends while ${state} → errored, then stopped`,
      over: { wait_ready: state === 'ready', max_restarts: 1 },
      covers: [`${state}→errored`, 'errored→stopped'],
      async run(h) {
        await h.locked(() => h.instance.spawn());
        driveTo(h.launcher.last, state);
        h.launcher.last.exit(1);
        await h.locked(() => h.instance.stop('stop'));
      },
    }),
  ),
  ...(['hung', 'unhealthy'] as const).flatMap((kind) =>
    watched.map(
      (state): Scenario => ({
        name: `${kind} while ${state} (fork) → killed → waiting-restart`,
        over: { ...condemn[kind].over, wait_ready: state === 'ready' },
        covers: [`${state}→${kind}`, `${kind}→stopped`, `${kind}→waiting-restart`],
        async run(h) {
          await h.locked(() => h.instance.spawn());
          driveTo(h.launcher.last, state);
          await flush(10);
          condemn[kind].act(h.launcher.last);
          await flush(DETECT_MS);
          expect(h.types()).toContain(kind);
          expect(h.launcher.children.length).toBe(2);
        },
      }),
    ),
  ),
  ...(['hung', 'unhealthy'] as const).map(
    (kind): Scenario => ({
      name: `${kind} in a crash loop (fork) → errored`,
      over: { ...condemn[kind].over, max_restarts: 1, min_uptime: 1e9 },
      covers: [`${kind}→errored`],
      async run(h) {
        await h.locked(() => h.instance.spawn());
        h.launcher.last.online().listen();
        condemn[kind].act(h.launcher.last);
        await flush(DETECT_MS);
        expect(h.instance.state).toBe('errored');
      },
    }),
  ),
  ...(['hung', 'unhealthy'] as const).map(
    (kind): Scenario => ({
      name: `${kind} (cluster) → replaced: the new one first, then the old one stopped`,
      over: { ...condemn[kind].over, exec_mode: 'cluster' },
      covers: kind === 'unhealthy' ? ['unhealthy→stopping'] : [],
      async run(h) {
        await h.locked(() => h.instance.spawn());
        const old = h.launcher.last.online().listen();
        await flush(10);
        condemn[kind].act(old);
        await flush(DETECT_MS);
        h.launcher.last.online().listen();
        await flush(2000);
        expect(old.exited).toBe(true);
        expect(h.instance.state).toBe('listening');
      },
    }),
  ),
  {
    name: 'hung (fork), stopped by the user within the kill grace',
    over: { heartbeat_timeout: 1000 },
    covers: ['hung→stopping'],
    async run(h) {
      await h.locked(() => h.instance.spawn());
      h.launcher.last.online().listen().hang();
      for (let t = 0; t < 1500 && h.instance.state !== 'hung'; t += 5) await flush(5);
      const stopping = h.locked(() => h.instance.stop('stop'));
      await flush(100); // SIGKILL after the hung grace: it cannot run a SIGINT handler
      await stopping;
      expect(h.instance.state).toBe('stopped');
      expect(h.types()).not.toContain('restart-scheduled');
    },
  },
  {
    name: 'ready without listening (wait_ready)',
    over: { wait_ready: true, autorestart: false },
    covers: ['online→ready'],
    async run(h) {
      await h.locked(() => h.instance.spawn());
      h.launcher.last.online().ready();
    },
  },
];

describe('every transition of states.ts is one the supervisor makes', () => {
  it.each(scenarios)('$name', async (scenario) => {
    const h = harness(scenario.over);
    await scenario.run(h);
    for (const move of scenario.covers) expect(h.moves).toContain(move);
  });

  it('the scenarios cover the whole table, and nothing outside it', () => {
    const table = Object.entries(TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}→${to}`));
    const covered = new Set(scenarios.flatMap((s) => s.covers));
    expect([...covered].sort()).toEqual([...table].sort());
  });
});
