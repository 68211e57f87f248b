// The private engine behind the Supervisor facade: the registry of apps and instances, and the
// operations on them (start, restart, rolling reload, stop, delete, scale, memory restarts).
import { constants } from 'node:os';
import { now } from '../clock.js';
import { LabError } from '../errors.js';
import type { AppConfig, InstanceEnv, InstanceInfo, SupervisorEvent } from '../types.js';
import { type AppWatch, ownFiles, watchApps } from './app-watch.js';
import { processLauncher } from './child.js';
import { type CronSchedule, type CronScheduler, cronScheduler } from './cron-restart.js';
import { Instance, type InstanceSink } from './instance.js';
import type { Launcher } from './launcher.js';
import { type LogLine, LogRouter } from './log-router.js';
import { reopenLogFiles } from './logs.js';
import { MemoryWatch, pidusageSampler, type Sampler } from './memory-watch.js';
import { rollingReload } from './reload.js';
import { resolveTarget } from './targets.js';

interface AppEntry {
  config: AppConfig;
  watch: MemoryWatch;
  /** `watch`: restarts the app when its files change; null when watch is off. */
  files: AppWatch | null;
  /** `cron_restart`: the schedule; null when the app has none. */
  cron: CronSchedule | null;
}

/** Where the engine reports: every event and every output line. */
export interface EngineOutput {
  event(event: SupervisorEvent): void;
  log(line: LogLine): void;
}

/** How the engine reaches processes: injected, so the core runs against fakes in unit tests. */
export interface EngineDeps {
  launcher: Launcher;
  sampler: Sampler;
  /** `cron_restart`'s clock (croner unless a test gives its own). */
  cron?: CronScheduler;
}

/** Owns every instance; every operation on one instance runs inside that instance's lock. */
export class Engine {
  private readonly apps = new Map<string, AppEntry>();
  /** Set by shutdown: a rolling reload still under way starts no new process after it. */
  private closing = false;
  private instances: Instance[] = [];
  private nextId = 0;
  private readonly logs: LogRouter;
  private readonly sink: InstanceSink;

  constructor(
    private readonly home: string,
    private readonly out: EngineOutput,
    /** Files the supervisor writes besides logs (the events file): never a watch restart. */
    private readonly ownFiles: string[] = [],
    private readonly deps: EngineDeps = { launcher: processLauncher, sampler: pidusageSampler },
  ) {
    this.logs = new LogRouter(home, (line) => out.log(line));
    this.sink = {
      event: (e) => out.event(e),
      output: (i, stream, chunk) => this.logs.write(i, stream, chunk),
      outputEnd: (i) => this.logs.end(i),
      note: (i, line) => this.logs.note(i, line),
    };
  }

  async start(apps: AppConfig[]): Promise<InstanceInfo[]> {
    this.checkNames(apps);
    const files = await watchApps(
      apps,
      (app) => ownFiles(app, this.home, this.ownFiles),
      (app, path, changes) => this.watchRestart(app.name, path, changes),
    );
    try {
      this.checkNames(apps); // again: another start may have taken a name while the watches started
    } catch (error) {
      for (const watch of files.values()) watch.close();
      throw error;
    }
    const started: Instance[] = [];
    for (const app of apps) {
      const watch = new MemoryWatch(
        app,
        () => this.of(app.name),
        (i, rss, limit) => this.overMemory(i, rss, limit),
        this.deps.sampler,
      );
      const cron = app.cron_restart
        ? (this.deps.cron ?? cronScheduler)(app.cron_restart, () => void this.cronRestart(app))
        : null;
      this.apps.set(app.name, { config: app, watch, files: files.get(app.name) ?? null, cron });
      for (let index = 0; index < app.instances; index++) started.push(this.add(app, index));
      watch.start();
    }
    await Promise.all(started.map((i) => i.lock.run(async () => i.spawn())));
    await Promise.all(started.map((i) => i.settled()));
    return started.map((i) => i.info());
  }

  list(): InstanceInfo[] {
    return this.instances.map((i) => i.info());
  }

  /**
   * Restart (a hard stop, then a start, of each process) one instance after another within an app,
   * as PM2 does: the next one stops only once the previous one is up again (or its listen_timeout
   * passed, or it failed), so a cluster never has zero workers. Apps are restarted side by side.
   */
  async restart(target: string, env?: Record<string, string>): Promise<void> {
    await this.restartInTurn(resolveTarget(target, this.instances), env, 'restart');
  }

  private async restartInTurn(
    targets: Instance[],
    env: Record<string, string> | undefined,
    reason: string,
  ): Promise<void> {
    const apps = new Set(targets.map((i) => i.app));
    await Promise.all(
      [...apps].map(async (app) => {
        for (const i of targets.filter((t) => t.app === app)) {
          if (this.closing) return;
          // Resolves once the new process is up, its listen_timeout passed, or it exited first.
          await i.lock.run(() => i.restart(reason, env));
        }
      }),
    );
  }

  /** Rolling reload per app in cluster mode (reload_concurrency at a time); fork mode = restart. */
  async reload(target: string, env?: Record<string, string>): Promise<void> {
    const targets = resolveTarget(target, this.instances);
    for (const app of new Set(targets.map((i) => i.app))) {
      const mine = targets.filter((i) => i.app === app);
      await rollingReload(
        app,
        mine,
        env,
        (body) => this.appEvent(app, body),
        () => this.closing,
      );
    }
  }

  /** Restart counters of the targeted instances back to zero. */
  reset(target: string): void {
    for (const i of resolveTarget(target, this.instances)) i.resetCounters();
  }

  /** The env each targeted instance's processes get (`env <id>`). */
  env(target: string): InstanceEnv[] {
    return resolveTarget(target, this.instances).map((i) => ({
      app: i.app.name,
      instance: i.index,
      id: i.id,
      env: i.env(),
    }));
  }

  /** Reopens every log file (after logrotate moved them); the paths reopened. */
  reloadLogs(): Promise<string[]> {
    return reopenLogFiles();
  }

  async stop(target: string): Promise<void> {
    const targets = resolveTarget(target, this.instances);
    await Promise.all(targets.map((i) => i.lock.run(() => i.stop('stop'))));
  }

  async delete(target: string): Promise<void> {
    const targets = resolveTarget(target, this.instances);
    await Promise.all(targets.map((i) => i.lock.run(() => i.stop('delete'))));
    this.instances = this.instances.filter((i) => !targets.includes(i));
    for (const i of targets) this.logs.close(i);
    for (const [name, entry] of this.apps) {
      if (this.of(name).length > 0) continue;
      entry.watch.stop();
      entry.files?.close();
      entry.cron?.stop();
      this.apps.delete(name);
    }
  }

  async scale(appName: string, count: number): Promise<void> {
    const entry = this.apps.get(appName);
    if (!entry) resolveTarget(appName, []); // throws RESILAB_E_UNKNOWN_APP
    if (!Number.isInteger(count) || count < 0) {
      throw new LabError(
        'RESILAB_E_USAGE',
        `scale ${appName}: expected a whole number of instances >= 0, got ${count}`,
      );
    }
    const app = (entry as AppEntry).config;
    const mine = this.of(appName);
    this.appEvent(app, { type: 'scale', from: mine.length, to: count });
    if (count > mine.length) {
      const added: Instance[] = [];
      for (let index = mine.length; index < count; index++) added.push(this.add(app, index));
      await Promise.all(added.map((i) => i.lock.run(async () => i.spawn())));
      await Promise.all(added.map((i) => i.settled()));
    } else {
      const removed = mine.slice(count);
      await Promise.all(removed.map((i) => i.lock.run(() => i.stop('scale down'))));
      this.instances = this.instances.filter((i) => !removed.includes(i));
      for (const i of removed) this.logs.close(i);
    }
  }

  signal(appName: string, index: number, signal: string): void {
    const instance = resolveTarget(appName, this.instances).find((i) => i.index === index);
    if (!instance) throw new LabError('RESILAB_E_UNKNOWN_APP', `${appName} has no instance ${index}`);
    if (!(signal in constants.signals))
      throw new LabError('RESILAB_E_USAGE', `signal: unknown signal ${JSON.stringify(signal)}`);
    instance.signal(signal as NodeJS.Signals);
  }

  async shutdown(): Promise<void> {
    this.closing = true;
    for (const entry of this.apps.values()) {
      entry.watch.stop();
      entry.files?.close();
      entry.cron?.stop();
    }
    // A watch restart under way finishes first: its next rolling step must not follow the stop.
    await Promise.all([...this.apps.values()].map((entry) => entry.files?.idle()));
    await Promise.all(this.instances.map((i) => i.lock.run(() => i.stop('shutdown'))));
    await this.logs.closeAll();
  }

  private checkNames(apps: AppConfig[]): void {
    const names = new Set(this.apps.keys());
    for (const app of apps) {
      if (names.has(app.name)) {
        throw new LabError('RESILAB_E_USAGE', `apps: two apps named "${app.name}" (names must be unique)`);
      }
      names.add(app.name);
    }
  }

  private add(app: AppConfig, index: number): Instance {
    const instance = new Instance(app, index, this.nextId++, this.sink, this.deps.launcher);
    this.instances.push(instance);
    return instance;
  }

  private of(name: string): Instance[] {
    return this.instances.filter((i) => i.app.name === name);
  }

  private pendingMemory = new Set<Instance>();

  /** Over the limit: reported once, then replaced (cluster: the replacement starts first). */
  private overMemory(instance: Instance, rss: number, limit: number): void {
    if (this.pendingMemory.has(instance)) return;
    this.pendingMemory.add(instance);
    instance.emit({ type: 'memory-limit', rss, limit });
    void instance.lock
      .run(async () => {
        if (instance.app.exec_mode === 'cluster') await instance.replace('memory limit');
        else await instance.restart('memory limit');
      })
      .finally(() => this.pendingMemory.delete(instance));
  }

  /** A watched file changed: restart (fork) or rolling reload (cluster) of the app's live instances. */
  private async watchRestart(name: string, path: string, changes: number): Promise<void> {
    const entry = this.apps.get(name);
    const mine = this.of(name).filter((i) => i.state !== 'stopped' && i.state !== 'stopping');
    if (!entry || mine.length === 0) return; // stopped by the user: a change does not start it
    const app = entry.config;
    const action = app.exec_mode === 'cluster' ? 'reload' : 'restart';
    const reason = `file changed: ${path}`;
    this.appEvent(app, { type: 'watch-restart', path, changes, action });
    for (const i of mine) this.logs.note(i, `[resilab] ${app.name}:${i.index} ${reason} (${action})`);
    if (action === 'reload') {
      const closing = () => this.closing;
      await rollingReload(app, mine, undefined, (body) => this.appEvent(app, body), closing, reason);
    } else await Promise.all(mine.map((i) => i.lock.run(() => i.restart(reason))));
  }

  /** A restart by `cron_restart` under way, per app: a tick during it is skipped, not queued. */
  private readonly cronBusy = new Set<string>();

  /** `cron_restart` fired: restart the app's live instances in turn (a stopped app stays stopped, as after `stop`). */
  private async cronRestart(app: AppConfig): Promise<void> {
    const mine = this.of(app.name).filter((i) => i.state !== 'stopped' && i.state !== 'stopping');
    if (this.closing || this.cronBusy.has(app.name) || mine.length === 0) return;
    this.cronBusy.add(app.name);
    this.appEvent(app, { type: 'cron-restart', pattern: app.cron_restart });
    try {
      await this.restartInTurn(mine, undefined, `cron_restart ${app.cron_restart}`);
    } finally {
      this.cronBusy.delete(app.name);
    }
  }

  private appEvent(app: AppConfig, body: Record<string, unknown>): void {
    this.out.event({ t: now(), app: app.name, instance: null, pid: null, ...body } as SupervisorEvent);
  }
}
