// The hand-written node:cluster primary (node-cluster-primary.cjs) behind the runner's Manager
// seam: the runner forks it with the app's settings, sends it reload/restart/scale/stop and hears
// each worker's online, listening and exit from it over IPC.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { now } from '../../clock.js';
import { LabError } from '../../errors.js';
import type { InstanceInfo, SupervisorCommand } from '../../types.js';
import { resolveApps } from '../resolve.js';
import { AppEvents } from './app-events.js';
import type { Manager, ManagerStart } from './manager.js';
import { Serial } from './serial.js';
import { untilListening } from './until-listening.js';

const PRIMARY = fileURLToPath(new URL('./node-cluster-primary.cjs', import.meta.url));
/** stop(): after the workers' kill_timeout, how much longer the primary gets before SIGKILL. */
const STOP_GRACE_MS = 2_000;

interface PrimaryMessage {
  t: number;
  event?: 'online' | 'listening' | 'exit';
  instance?: number;
  pid?: number;
  code?: number | null;
  signal?: string | null;
  expected?: boolean;
  refork?: boolean;
  reply?: number;
  ok?: boolean;
  error?: string;
}

/** A running primary: commands by id, events in. */
class NodeCluster implements Manager {
  readonly pid: number;
  private nextId = 1;
  private readonly pending = new Map<number, (m: PrimaryMessage) => void>();
  private readonly gone: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    private readonly app: string,
    private readonly events: AppEvents,
    private readonly killTimeoutMs: number,
  ) {
    this.pid = child.pid ?? -1;
    this.gone = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      for (const reply of this.pending.values()) reply({ t: now(), ok: false, error: 'the primary exited' });
      this.pending.clear();
    });
    child.on('message', (m: PrimaryMessage) => {
      if (m.reply !== undefined) {
        this.pending.get(m.reply)?.(m);
        this.pending.delete(m.reply);
      }
    });
  }

  list(): Promise<InstanceInfo[]> {
    return Promise.resolve(
      this.events.live().map(({ instance, pid, listening }) => ({
        app: this.app,
        instance,
        id: instance,
        pid,
        state: listening ? 'listening' : 'online',
        exec_mode: 'cluster',
        restarts: 0,
        unstable_restarts: 0,
        started_at: null,
        rss: null,
        cpu: null,
      })),
    );
  }

  private readonly serial = new Serial();

  /** One command at a time, in order, as resilab's own supervisor does. */
  command(command: SupervisorCommand): Promise<void> {
    return this.serial.run(() => this.run(command));
  }

  /** Sends a command to the primary; a reload is framed by reload-begin/reload-end like resilab's. */
  private async run(command: SupervisorCommand): Promise<void> {
    const begin = now();
    const base = { app: this.app, instance: null, pid: null };
    if (command.cmd === 'reload')
      this.events.emitRaw({ ...base, t: begin, type: 'reload-begin', instances: this.events.live().length });
    const id = this.nextId++;
    const reply = await new Promise<PrimaryMessage>((resolve) => {
      if (!this.child.connected) return resolve({ t: now(), ok: false, error: 'the primary is not running' });
      this.pending.set(id, resolve);
      this.child.send({ ...command, id });
    });
    if (command.cmd === 'reload') {
      this.events.emitRaw({
        ...base,
        t: reply.t,
        type: 'reload-end',
        duration_ms: reply.t - begin,
        ok: reply.ok === true,
        ...(reply.error ? { error: reply.error } : {}),
      });
    }
    if (!reply.ok) throw new LabError('RESILAB_E_SUPERVISOR', `node-cluster ${command.cmd}: ${reply.error}`);
  }

  async signal(_target: string, instance: number, signal: string): Promise<void> {
    const live = this.events.live().find((i) => i.instance === instance);
    if (live) process.kill(live.pid, signal as NodeJS.Signals);
  }

  /** SIGTERM (the primary disconnects its workers), SIGKILL after kill_timeout + a grace. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.killTimeoutMs + STOP_GRACE_MS);
    await this.gone;
    clearTimeout(timer);
  }
}

/** The `node-cluster` manager's StartManager: forks the primary, resolves once every worker listens. */
export async function startNodeCluster(options: ManagerStart): Promise<Manager> {
  const { apps } = await resolveApps(options.target, options.home);
  const app = apps[0];
  if (!app) throw new LabError('RESILAB_E_ECOSYSTEM', `${options.target}: no app to run`);
  const events = new AppEvents(app.name, (e) => options.onEvent?.(e));
  const settings = {
    script: app.script,
    args: app.args,
    node_args: app.node_args,
    instances: app.instances,
    env: app.env,
    kill_timeout: app.kill_timeout,
  };
  const child = fork(PRIMARY, [], {
    cwd: app.cwd,
    env: { ...process.env, ...options.env, RESILAB_CLUSTER: JSON.stringify(settings) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) options.onLog?.(line);
    });
  child.on('message', (m: PrimaryMessage) => {
    if (m.event === undefined || m.pid === undefined || m.instance === undefined) return;
    if (m.event === 'exit') {
      const expected = m.expected === true;
      events.exit(m.pid, m.instance, { t: m.t, code: m.code ?? null, signal: m.signal ?? null, expected });
      // The primary forks again at once after an exit it did not ask for, of a worker that served.
      if (m.refork === true)
        events.emitRaw({
          t: m.t,
          app: app.name,
          instance: m.instance,
          pid: m.pid,
          type: 'restart-scheduled',
          delay_ms: 0,
          reason: 'exit',
          restarts: 0,
        });
    } else events.report({ what: m.event, pid: m.pid, instance: m.instance, t: m.t });
  });
  const manager = new NodeCluster(child, app.name, events, app.kill_timeout);
  await untilListening(events, app.instances, options.startTimeoutMs, manager, child);
  return manager;
}
