// The watchdog and the health check on real processes: a /hang'ed and a frozen (SIGSTOP) instance are
// each detected and replaced in fork and cluster mode; a busy /cpu loop is never taken for a hang;
// an unhealthy worker is replaced while the other keeps serving its connections without a failure.
import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig, SupervisorEvent } from '../../../src/types.js';
import { appConfig } from '../../helpers/app-config.js';
import type { EventLog } from '../../helpers/events.js';
import { FIXTURES, freePort, SAMPLE_APPS } from '../../helpers/processes.js';
import { shutdownAll, supervised } from '../../helpers/supervised.js';

afterEach(shutdownAll);

/** One GET; resolves with the answering pid, or null when it failed. */
function get(port: number, path: string, agent: Agent | false = false): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent, timeout: 5000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200 ? Number(res.headers['x-pid']) : null));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(null));
    req.end();
  });
}

/** Sends a request that never gets an answer (the route hangs the process) and lets go of it. */
function fireAndForget(port: number, path: string): void {
  const req = request({ host: '127.0.0.1', port, path, agent: false });
  req.on('error', () => undefined);
  req.end();
  setTimeout(() => req.destroy(), 300).unref();
}

/** The event types about one pid, in order (without the periodic event-loop reports). */
const typesOf = (log: EventLog, pid: number) => log.types((e) => e.pid === pid);

/** Start the sample app (fork or cluster ×2) with the watchdog on. */
async function startWatched(exec_mode: AppConfig['exec_mode'], heartbeat_timeout: number) {
  const { supervisor, log } = supervised();
  const port = await freePort();
  const app = appConfig(`${SAMPLE_APPS}http-app.js`, {
    name: 'watched',
    exec_mode,
    instances: exec_mode === 'cluster' ? 2 : 1,
    heartbeat_timeout,
    env: { PORT: String(port) },
  });
  await supervisor.start([app]);
  return { supervisor, log, port };
}

describe.each(['fork', 'cluster'] as const)('event-loop watchdog, %s mode', (exec_mode) => {
  it.each(['hang', 'freeze'] as const)('a %s is detected and the instance replaced', async (fault) => {
    const { log, port } = await startWatched(exec_mode, 500);
    let victim: number;
    if (fault === 'hang') {
      fireAndForget(port, '/hang');
      victim = (await log.waitFor('hung')).pid as number;
    } else {
      victim = log.of('listening')[0]?.pid as number;
      process.kill(victim, 'SIGSTOP');
      expect((await log.waitFor('hung')).pid).toBe(victim);
    }
    const hung = log.of('hung')[0] as Extract<SupervisorEvent, { type: 'hung' }>;
    expect(hung.since_ms).toBeGreaterThanOrEqual(500);
    const index = hung.instance;
    const fresh = await log.waitFor('listening', (e) => e.instance === index && e.t > hung.t);
    await log.waitFor('exit', (e) => e.pid === victim);
    if (exec_mode === 'fork') {
      expect(hung.action).toBe('kill');
      expect(typesOf(log, victim).slice(-2)).toEqual(['hung', 'exit']); // a crash: no 'stopped'
      expect(log.of('exit').find((e) => e.pid === victim)).toMatchObject({
        expected: false,
        signal: 'SIGKILL',
      });
      expect(log.types((e) => e.t >= hung.t && e.instance === index).slice(0, 6)).toEqual([
        'hung',
        'exit',
        'restart-scheduled',
        'spawn',
        'online',
        'listening',
      ]);
    } else {
      expect(hung.action).toBe('replace');
      await log.waitFor('stopped', (e) => e.pid === victim);
      // the replacement is spawned first; the hung worker (out of rotation, serving nothing) is
      // SIGKILLed meanwhile, and its slot handed over once the replacement listens
      expect(typesOf(log, victim).slice(-3)).toEqual(['hung', 'exit', 'stopped']);
      const spawned = log.of('spawn').find((e) => e.instance === index && e.t > hung.t) as SupervisorEvent;
      const exit = log.of('exit').find((e) => e.pid === victim) as SupervisorEvent;
      const stopped = log.of('stopped').find((e) => e.pid === victim) as SupervisorEvent;
      expect(spawned.t).toBeLessThanOrEqual(exit.t);
      expect(fresh.t).toBeLessThanOrEqual(stopped.t);
      expect(exit).toMatchObject({ signal: 'SIGKILL' });
    }
    const answered = await get(port, '/');
    expect(answered).not.toBeNull();
    expect(answered).not.toBe(victim);
    if (exec_mode === 'fork') expect(answered).toBe(fresh.pid);
    expect(log.of('hung')).toHaveLength(1);
  });
});

describe('no false hang', () => {
  it('a loop busy with 10-million-loop requests answers between them: never hung with a 1 s timeout', async () => {
    const { log, port } = await startWatched('fork', 1000);
    const until = performance.now() + 2000;
    let served = 0;
    const client = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      while (performance.now() < until) if ((await get(port, '/cpu', agent)) !== null) served += 1;
      agent.destroy();
    };
    await Promise.all(Array.from({ length: 10 }, client));
    expect(served).toBeGreaterThan(40); // the loop was really busy (5–20 ms per request)
    expect(log.of('hung')).toEqual([]);
    expect(log.of('event-loop').some((e) => e.max_ms > 20)).toBe(true);
  });
});

describe('health_check', () => {
  it('an unhealthy worker is replaced while the other keeps serving its connections without a failure', async () => {
    const { supervisor, log } = supervised();
    const port = await freePort();
    const app = appConfig(`${FIXTURES}apps/sickens.js`, {
      name: 'sickens',
      exec_mode: 'cluster',
      instances: 2,
      env: { PORT: String(port) },
      health_check: { path: '/health', interval: 100, timeout: 90, failures: 3, gate_ready: true },
    });
    await supervisor.start([app]);
    expect(log.types().filter((t) => t === 'ready')).toHaveLength(2); // gate_ready: up at the first pass
    const sick = (await get(port, '/sick')) as number;
    const healthy = log.of('ready').find((e) => e.pid !== sick)?.pid as number;
    // keep-alive clients: each request is booked to the worker that answered the previous one
    const failuresOn = new Map<number, number>();
    const served = new Map<number, number>();
    let running = true;
    const client = async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      let on: number | null = null;
      while (running) {
        const pid = await get(port, '/', agent);
        if (pid === null && on !== null) failuresOn.set(on, (failuresOn.get(on) ?? 0) + 1);
        if (pid !== null) served.set(pid, (served.get(pid) ?? 0) + 1);
        on = pid;
      }
      agent.destroy();
    };
    const clients = Array.from({ length: 6 }, client);
    const unhealthy = await log.waitFor('unhealthy');
    expect(unhealthy).toMatchObject({ pid: sick, failures: 3, action: 'replace', path: '/health' });
    expect(unhealthy.error).toContain('503');
    await log.waitFor('stopped', (e) => e.pid === sick);
    running = false;
    await Promise.all(clients);
    expect(served.get(healthy) ?? 0).toBeGreaterThan(0);
    expect(failuresOn.get(healthy) ?? 0).toBe(0);
    const fresh = log.of('ready').at(-1);
    expect(fresh?.pid).not.toBe(sick);
    expect(fresh?.pid).not.toBe(healthy);
    expect(
      supervisor
        .list()
        .map((i) => i.pid)
        .sort(),
    ).toEqual([healthy, fresh?.pid].sort());
    expect(supervisor.list().find((i) => i.pid === fresh?.pid)?.restarts).toBe(1);
  });
});
