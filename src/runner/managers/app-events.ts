// What the runner hears from apps it does not supervise itself (report-listening.cjs): their pids,
// by instance, and the moment each is online and listening, as the runner's SupervisorEvent shapes.
// Managers that learn of exits in their own way (PM2's bus, a child's exit) report them here too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { now } from '../../clock.js';
import type { SupervisorEvent } from '../../types.js';

/** The preload each non-resilab app gets (`--require`). */
export const REPORTER = fileURLToPath(new URL('./report-listening.cjs', import.meta.url));

/** A report from report-listening.cjs, or null when the message is something else. */
export function reportOf(
  message: unknown,
): { what: 'online' | 'listening'; pid: number; instance: number; t: number } | null {
  const data = (message as { data?: Record<string, unknown> } | null)?.data;
  if (!data || (data.resilab !== 'online' && data.resilab !== 'listening')) return null;
  if (typeof data.pid !== 'number' || typeof data.instance !== 'number' || typeof data.t !== 'number')
    return null;
  return { what: data.resilab, pid: data.pid, instance: data.instance, t: data.t };
}

/** True while pid exists and is not a zombie (a dead, unreaped process is not alive: TARGETS.md). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** The live pids of an app's instances and what is emitted as they come and go. */
export class AppEvents {
  private readonly pids = new Map<number, number[]>();
  private readonly up = new Set<number>();
  private readonly exited = new Set<number>();
  private readonly started = new Map<number, number>();

  constructor(
    private readonly app: string,
    private readonly emit: (event: SupervisorEvent) => void,
  ) {}

  /** An event the manager made itself (reload-begin/end, restart-scheduled, errored…). */
  emitRaw(event: SupervisorEvent): void {
    this.emit(event);
  }

  /** A reporter message: online → spawn + online, listening → listening. */
  report(r: NonNullable<ReturnType<typeof reportOf>>): void {
    const base = { t: r.t, app: this.app, instance: r.instance, pid: r.pid };
    if (r.what === 'online') {
      if (this.exited.has(r.pid)) return;
      const list = this.pids.get(r.instance) ?? [];
      if (!list.includes(r.pid)) this.pids.set(r.instance, [...list, r.pid]);
      this.started.set(r.pid, r.t);
      this.emit({ ...base, type: 'spawn' });
      this.emit({ ...base, type: 'online' });
    } else {
      this.up.add(r.pid);
      this.emit({ ...base, type: 'listening' });
    }
  }

  /** An exit the manager saw: one event per pid, the first time it is seen. */
  exit(
    pid: number,
    instance: number,
    e: { t?: number; code: number | null; signal: string | null; expected: boolean },
  ): boolean {
    if (this.exited.has(pid)) return false;
    this.exited.add(pid);
    this.up.delete(pid);
    const list = (this.pids.get(instance) ?? []).filter((p) => p !== pid);
    this.pids.set(instance, list);
    const t = e.t ?? now();
    this.emit({
      t,
      app: this.app,
      instance,
      pid,
      type: 'exit',
      code: e.code,
      signal: e.signal,
      uptime_ms: t - (this.started.get(pid) ?? t),
      expected: e.expected,
    });
    return true;
  }

  /** The pids of an instance that have died and whose exit was not yet reported. */
  deadOf(instance: number): number[] {
    return (this.pids.get(instance) ?? []).filter((pid) => !alive(pid));
  }

  /** Instances with a listening process, and every live pid (for list()). */
  listening(): number {
    return [...this.pids.values()].filter((list) => list.some((pid) => this.up.has(pid))).length;
  }

  live(): { instance: number; pid: number; listening: boolean }[] {
    return [...this.pids].flatMap(([instance, list]) =>
      list.map((pid) => ({ instance, pid, listening: this.up.has(pid) })),
    );
  }
}
