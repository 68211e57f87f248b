// The user's PM2 behind the runner's Manager seam: its programmatic API (required from where it is
// installed, never bundled), a private PM2_HOME per start, its bus read into SupervisorEvents, and
// a watchdog that ends its detached daemon and apps by pid if the runner itself is killed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { now } from '../../clock.js';
import { LabError } from '../../errors.js';
import type { InstanceInfo, InstanceState, SupervisorCommand } from '../../types.js';
import { resolveApps } from '../resolve.js';
import { AppEvents, alive, REPORTER } from './app-events.js';
import type { Manager, ManagerStart } from './manager.js';
import { type Pm2Packet, readBus } from './pm2-bus.js';
import { findPm2, type Pm2Install } from './pm2-find.js';
import { Serial } from './serial.js';
import { untilCount, untilListening } from './until-listening.js';

const WATCHDOG = fileURLToPath(new URL('./pm2-watchdog.cjs', import.meta.url));
/** How long killDaemon may take before the daemon and its apps are SIGKILLed by pid. */
const KILL_DAEMON_TIMEOUT_MS = 10_000;

type Callback<T = unknown> = (error: Error | null, result?: T) => void;
interface Pm2Api {
  connect(cb: Callback): void;
  launchBus(cb: Callback<{ on(event: string, listener: (packet: Pm2Packet) => void): void }>): void;
  start(config: Record<string, unknown>, cb: Callback): void;
  list(cb: Callback<{ pm_id: number; pid: number; name: string; pm2_env: Record<string, unknown> }[]>): void;
  reload(target: string, opts: Record<string, unknown>, cb: Callback): void;
  restart(target: string, opts: Record<string, unknown>, cb: Callback): void;
  scale(target: string, instances: number, cb: Callback): void;
  stop(target: string, cb: Callback): void;
  killDaemon(cb: Callback): void;
  disconnect(cb?: Callback): void;
  /** PM2's client: its bus must be closed before the daemon goes, or it reconnects forever. */
  Client: {
    disconnectBus(cb: Callback): void;
    client_sock?: { close?(): void };
    sub_sock?: { close?(): void };
  };
}

const call = <T>(f: (cb: Callback<T>) => void): Promise<T> =>
  new Promise((resolve, reject) => f((error, result) => (error ? reject(error) : resolve(result as T))));

/** The PM2 found for this process (once), for results.json's environment. */
export function pm2Install(): Pm2Install {
  return findPm2();
}

/** A started PM2 daemon with the variant's app under it. */
class Pm2 implements Manager {
  pid: number | null = null;
  commanding = 0;
  stopping = false;
  watchdog: number | null = null;

  constructor(
    private readonly api: Pm2Api,
    readonly home: string,
    private readonly entry: Record<string, unknown>,
    private readonly target: string,
    readonly events: AppEvents,
  ) {}

  async list(): Promise<InstanceInfo[]> {
    const list = await call<Parameters<Parameters<Pm2Api['list']>[0]>[1]>((cb) => this.api.list(cb));
    const listening = new Set(this.events.live().flatMap((l) => (l.listening ? [l.pid] : [])));
    return (list ?? []).map((p) => ({
      app: p.name,
      instance: Number(p.pm2_env.NODE_APP_INSTANCE ?? 0),
      id: p.pm_id,
      pid: p.pid > 0 ? p.pid : null,
      state: (listening.has(p.pid) ? 'listening' : p.pm2_env.status) as InstanceState,
      exec_mode: p.pm2_env.exec_mode === 'cluster_mode' ? 'cluster' : 'fork',
      restarts: Number(p.pm2_env.restart_time ?? 0),
      unstable_restarts: Number(p.pm2_env.unstable_restarts ?? 0),
      started_at: typeof p.pm2_env.pm_uptime === 'number' ? p.pm2_env.pm_uptime : null,
      rss: null,
      cpu: null,
    }));
  }

  private readonly serial = new Serial();

  /** One command at a time, in order, as resilab's own supervisor does (PM2 refuses a second reload). */
  command(command: SupervisorCommand): Promise<void> {
    return this.serial.run(() => this.run(command));
  }

  /** restart/reload (with env: through an ecosystem file and --update-env, as PM2 users do), scale, stop. */
  private async run(command: SupervisorCommand): Promise<void> {
    const name = String(this.entry.name);
    this.commanding += 1;
    const begin = now();
    try {
      if (command.cmd === 'scale') {
        await call((cb) => this.api.scale(name, command.instances, cb));
        // PM2 answers once the processes are started; resilab's scale resolves once they listen.
        await untilCount(this.events, command.instances);
        return;
      }
      if (command.cmd === 'stop') {
        await call((cb) => this.api.stop(name, cb));
        return;
      }
      let target = name;
      if (command.env) {
        target = `${this.target}.deploy-${Date.now()}.config.json`;
        const env = { ...(this.entry.env as Record<string, string>), ...command.env };
        writeFileSync(target, JSON.stringify({ apps: [{ ...this.entry, env }] }));
      }
      const opts = { updateEnv: true };
      if (command.cmd === 'restart') {
        await call((cb) => this.api.restart(target, opts, cb));
        return;
      }
      const base = { app: name, instance: null, pid: null };
      this.events.emitRaw({ ...base, t: begin, type: 'reload-begin', instances: this.events.live().length });
      let error: Error | null = null;
      await call((cb) => this.api.reload(target, opts, cb)).catch((e: Error) => {
        error = e;
      });
      const t = now();
      const failed = error as Error | null;
      this.events.emitRaw({
        ...base,
        t,
        type: 'reload-end',
        duration_ms: t - begin,
        ok: failed === null,
        ...(failed ? { error: failed.message } : {}),
      });
      if (failed) throw new LabError('RESILAB_E_SUPERVISOR', `pm2 reload: ${failed.message}`);
    } finally {
      this.commanding -= 1;
    }
  }

  async signal(_target: string, instance: number, signal: string): Promise<void> {
    const live = this.events.live().find((i) => i.instance === instance);
    if (live) process.kill(live.pid, signal as NodeJS.Signals);
  }

  /** killDaemon (PM2 stops its apps), then SIGKILL by pid whatever is left, then the watchdog. */
  async stop(): Promise<void> {
    this.stopping = true;
    const pids = [...(this.pid ? [this.pid] : []), ...this.events.live().map((l) => l.pid)];
    await call((cb) => this.api.Client.disconnectBus(cb)).catch(() => {});
    const status = process.env.PM2_STATUS;
    await Promise.race([
      call((cb) => this.api.killDaemon(cb)).catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, KILL_DAEMON_TIMEOUT_MS).unref()),
    ]);
    // killDaemon marks this process's env as stopping; put it back for the next variant.
    if (status === undefined) delete process.env.PM2_STATUS;
    else process.env.PM2_STATUS = status;
    await call((cb) => this.api.disconnect(cb)).catch(() => {});
    // PM2's client sockets retry a dead daemon every few seconds unless closed: close them outright.
    this.api.Client.client_sock?.close?.();
    this.api.Client.sub_sock?.close?.();
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    if (this.watchdog !== null && alive(this.watchdog)) process.kill(this.watchdog, 'SIGTERM');
  }
}

/** The `pm2` manager's StartManager. */
export async function startPm2(options: ManagerStart): Promise<Manager> {
  const install = findPm2(process.env, options.cwd ?? process.cwd());
  const { apps } = await resolveApps(options.target, options.home);
  const app = apps[0];
  if (!app) throw new LabError('RESILAB_E_ECOSYSTEM', `${options.target}: no app to run`);
  mkdirSync(options.home, { recursive: true });
  const home = mkdtempSync(join(options.home, 'pm2-'));
  const watchdog = spawn(process.execPath, [WATCHDOG, String(process.pid), home], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  const PM2 = createRequire(import.meta.url)(install.path) as { custom: new (o: object) => Pm2Api };
  const api = new PM2.custom({ pm2_home: home, daemon_mode: true, cwd: app.cwd });
  const file = JSON.parse(readFileSync(options.target, 'utf8')) as { apps: Record<string, unknown>[] };
  const written = file.apps[0] ?? {};
  const nodeArgs = Array.isArray(written.node_args) ? written.node_args : [];
  const entry = { ...written, node_args: ['--require', REPORTER, ...nodeArgs], merge_logs: true };
  const events = new AppEvents(app.name, (e) => options.onEvent?.(e));
  const manager = new Pm2(api, home, entry, options.target, events);
  manager.watchdog = watchdog.pid ?? null;
  try {
    await call((cb) => api.connect(cb));
    manager.pid = Number(readFileSync(join(home, 'pm2.pid'), 'utf8').trim());
    const bus = await call<Parameters<Parameters<Pm2Api['launchBus']>[0]>[1]>((cb) => api.launchBus(cb));
    if (bus)
      readBus(
        bus,
        app,
        events,
        { commanding: () => manager.commanding > 0, stopping: () => manager.stopping },
        options.onLog,
      );
    await call((cb) => api.start(entry, cb));
  } catch (error) {
    await manager.stop();
    throw new LabError('RESILAB_E_SUPERVISOR', `pm2 ${install.version} (${install.path}): ${String(error)}`);
  }
  const never = { once: () => undefined };
  await untilListening(events, app.instances, options.startTimeoutMs, manager, never);
  return manager;
}
