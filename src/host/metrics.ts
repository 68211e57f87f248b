// The supervisor's figures in Prometheus's text format (prom-client): counters follow the
// supervisor's events as they happen; per-instance gauges are read at scrape time, so a scrape
// always shows the process list as it is now. Loaded only with --metrics-port.
import { now } from '../clock.js';
import { TRANSITIONS } from '../supervisor/states.js';
import type { Supervisor } from '../supervisor/supervisor.js';
import type { InstanceInfo, InstanceState, SupervisorEvent } from '../types.js';
import { type ProcUsage, procUsage } from './proc-usage.js';
import { Counter, Gauge, Registry } from './prom.js';
import { RESTART_CAUSES, RestartCauses } from './restart-cause.js';

const STATES = Object.keys(TRANSITIONS) as InstanceState[];
const INSTANCE = ['app', 'instance'] as const;
type Labels = { app: string; instance: string };
type CpuMark = { t: number; cpuSeconds: number };

/** A process's CPU seconds and RSS now, or null when it is gone. */
export type Usage = (pid: number) => ProcUsage | null;

/** The registry of one supervisor's metrics; `render()` is what GET /metrics answers. */
export class SupervisorMetrics {
  readonly registry = new Registry();
  readonly #supervisor: Supervisor;
  readonly #usage: Usage;
  readonly #loop = new Map<string, { p50_ms: number; max_ms: number }>();
  /** pid → its CPU seconds at the previous scrape: the CPU ratio is between two scrapes. */
  #cpuBefore = new Map<number, CpuMark>();
  readonly #onEvent = (event: SupervisorEvent) => this.#count(event);
  readonly #state = this.#gauge(
    'resilab_instance_state',
    'Current state of the instance: 1 for the state it is in, 0 for the others',
    ['app', 'instance', 'state'],
  );
  readonly #causes = new RestartCauses();
  readonly #restarts = this.#counter(
    'resilab_instance_restarts_total',
    'Restarts of the instance by cause: crash (unexpected exit), memory (max_memory_restart), hung (health check), watch (file change)',
    ['app', 'instance', 'cause'],
  );
  readonly #uptime = this.#gauge(
    'resilab_instance_uptime_seconds',
    "Seconds since the instance's current process started (0 when it has none)",
  );
  readonly #rss = this.#gauge(
    'resilab_instance_resident_memory_bytes',
    "Resident set size of the instance's process",
  );
  readonly #cpu = this.#gauge(
    'resilab_instance_cpu_usage_ratio',
    "CPU used by the instance's process since the previous scrape (1 = one core)",
  );
  readonly #loopP50 = this.#gauge(
    'resilab_instance_event_loop_delay_p50_seconds',
    'Median event-loop delay the instance reported last',
  );
  readonly #loopMax = this.#gauge(
    'resilab_instance_event_loop_delay_max_seconds',
    'Largest event-loop delay the instance reported last',
  );
  readonly #reloads = this.#counter(
    'resilab_app_reloads_total',
    'Rolling reloads of the app (reload command, SIGHUP, watch in cluster mode)',
    ['app'],
  );
  readonly #reloadFailures = this.#counter(
    'resilab_app_reload_failures_total',
    'Rolling reloads of the app that did not bring every instance back up',
    ['app'],
  );

  constructor(supervisor: Supervisor, usage: Usage = procUsage) {
    this.#supervisor = supervisor;
    this.#usage = usage;
    supervisor.on('event', this.#onEvent);
  }

  /** Stops following the supervisor's events. */
  close(): void {
    this.#supervisor.off('event', this.#onEvent);
  }

  /** Reads the process list (and each live process's CPU and RSS), then renders every metric. */
  render(): Promise<string> {
    for (const g of [this.#state, this.#uptime, this.#rss, this.#cpu, this.#loopP50, this.#loopMax])
      g.reset();
    const t = now();
    const cpuNow = new Map<number, CpuMark>();
    for (const info of this.#supervisor.list()) {
      const usage = info.pid === null ? null : this.#usage(info.pid);
      if (usage && info.pid !== null) cpuNow.set(info.pid, { t, cpuSeconds: usage.cpuSeconds });
      this.#instance(info, usage, t);
    }
    this.#cpuBefore = cpuNow; // forgets the pids that ended
    return this.registry.metrics();
  }

  #instance(info: InstanceInfo, usage: ProcUsage | null, t: number): void {
    const labels: Labels = { app: info.app, instance: String(info.instance) };
    for (const state of STATES) this.#state.set({ ...labels, state }, state === info.state ? 1 : 0);
    // Every counter has its series from the start, so a first restart is a 0 → 1 increase.
    for (const cause of RESTART_CAUSES) this.#restarts.inc({ ...labels, cause }, 0);
    this.#reloads.inc({ app: info.app }, 0);
    this.#reloadFailures.inc({ app: info.app }, 0);
    const started = info.pid !== null ? info.started_at : null;
    this.#uptime.set(labels, started !== null ? (t - started) / 1000 : 0);
    if (usage && info.pid !== null) {
      this.#rss.set(labels, usage.rssBytes);
      // Since the previous scrape; on a process's first scrape, since it started.
      const before =
        this.#cpuBefore.get(info.pid) ?? (started !== null ? { t: started, cpuSeconds: 0 } : null);
      const seconds = before ? (t - before.t) / 1000 : 0;
      if (before && seconds > 0) this.#cpu.set(labels, (usage.cpuSeconds - before.cpuSeconds) / seconds);
    }
    const loop = this.#loop.get(`${info.app}:${info.instance}`);
    if (loop && info.pid !== null) {
      this.#loopP50.set(labels, loop.p50_ms / 1000);
      this.#loopMax.set(labels, loop.max_ms / 1000);
    }
  }

  #count(event: SupervisorEvent): void {
    if (event.type === 'event-loop' && event.instance !== null)
      this.#loop.set(`${event.app}:${event.instance}`, { p50_ms: event.p50_ms, max_ms: event.max_ms });
    if (event.type === 'reload-end') {
      this.#reloads.inc({ app: event.app });
      if (!event.ok) this.#reloadFailures.inc({ app: event.app });
    }
    const cause = this.#causes.causeOf(event);
    if (cause === null) return;
    // An app-wide event (watch) restarts each of the app's live instances.
    const instances =
      event.instance !== null
        ? [event.instance]
        : this.#supervisor
            .list()
            .filter((i) => i.app === event.app && i.state !== 'stopped' && i.state !== 'stopping')
            .map((i) => i.instance);
    for (const instance of instances)
      this.#restarts.inc({ app: event.app, instance: String(instance), cause });
  }

  #gauge(name: string, help: string, labelNames: readonly string[] = INSTANCE): Gauge {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  #counter(name: string, help: string, labelNames: readonly string[]): Counter {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
}
