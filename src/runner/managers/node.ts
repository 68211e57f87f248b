// Bare `node app.js` behind the runner's Manager seam: the baseline with nothing over the app. It is
// spawned once (one instance, whatever the variant asks), nothing restarts it, and the runner hears
// its online/listening from report-listening.cjs and its exit from the child itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { LabError } from '../../errors.js';
import type { InstanceInfo, SupervisorCommand } from '../../types.js';
import { resolveApps } from '../resolve.js';
import { AppEvents, REPORTER, reportOf } from './app-events.js';
import type { Manager, ManagerStart } from './manager.js';
import { untilListening } from './until-listening.js';

/** The bare process: no supervisor pid, commands refused (the scenario loader refuses them first). */
class BareNode implements Manager {
  readonly pid = null;
  private stopping = false;
  private readonly gone: Promise<void>;

  constructor(
    private readonly child: ChildProcess,
    private readonly app: string,
    readonly events: AppEvents,
    private readonly killTimeoutMs: number,
  ) {
    this.gone = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => {
      if (child.pid) events.exit(child.pid, 0, { code, signal, expected: this.stopping });
    });
  }

  async list(): Promise<InstanceInfo[]> {
    return this.events.live().map(({ instance, pid, listening }) => ({
      app: this.app,
      instance,
      id: instance,
      pid,
      state: listening ? 'listening' : 'online',
      exec_mode: 'fork',
      restarts: 0,
      unstable_restarts: 0,
      started_at: null,
      rss: null,
      cpu: null,
    }));
  }

  async command(command: SupervisorCommand): Promise<void> {
    throw new LabError('RESILAB_E_SCENARIO', `manager node: nothing can ${command.cmd} a bare node process`);
  }

  async signal(_target: string, _instance: number, signal: string): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill(signal as NodeJS.Signals);
  }

  /** SIGTERM, SIGKILL after the app's kill_timeout; resolves when the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.killTimeoutMs);
    await this.gone;
    clearTimeout(timer);
  }
}

/** The `node` manager's StartManager: spawns the app and resolves once it listens. */
export async function startNode(options: ManagerStart): Promise<Manager> {
  const { apps } = await resolveApps(options.target, options.home);
  const app = apps[0];
  if (!app) throw new LabError('RESILAB_E_ECOSYSTEM', `${options.target}: no app to run`);
  const events = new AppEvents(app.name, (e) => options.onEvent?.(e));
  const child = spawn(app.interpreter, ['--require', REPORTER, ...app.node_args, app.script, ...app.args], {
    cwd: app.cwd,
    env: { ...process.env, ...options.env, ...app.env, NODE_APP_INSTANCE: '0' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const manager = new BareNode(child, app.name, events, app.kill_timeout);
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) options.onLog?.(line);
    });
  child.on('message', (message) => {
    const report = reportOf(message);
    if (report) events.report(report);
  });
  await untilListening(events, 1, options.startTimeoutMs, manager, child);
  return manager;
}
