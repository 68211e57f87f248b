// A host's memory of each app: the resolved config it was started with (for describe and save)
// and its recent events (describe's state history). The supervisor owns the processes; this only remembers.
import { LabError, quote } from '../errors.js';
import type { AppConfig, InstanceInfo, SupervisorEvent } from '../types.js';

/** How many events per app describe shows. */
export const HISTORY_LENGTH = 40;

/** Configs by app name, in start order, and a bounded event history per app. */
export class AppRegistry {
  readonly #configs = new Map<string, AppConfig>();
  readonly #events = new Map<string, SupervisorEvent[]>();

  add(apps: AppConfig[]): void {
    for (const app of apps) this.#configs.set(app.name, app);
  }

  remove(names: string[]): void {
    for (const name of names) {
      this.#configs.delete(name);
      this.#events.delete(name);
    }
  }

  scaled(name: string, instances: number): void {
    const config = this.#configs.get(name);
    if (config) this.#configs.set(name, { ...config, instances });
  }

  record(event: SupervisorEvent): void {
    const history = this.#events.get(event.app) ?? [];
    history.push(event);
    if (history.length > HISTORY_LENGTH) history.splice(0, history.length - HISTORY_LENGTH);
    this.#events.set(event.app, history);
  }

  config(name: string): AppConfig | undefined {
    return this.#configs.get(name);
  }

  configs(): AppConfig[] {
    return [...this.#configs.values()];
  }

  events(name: string): SupervisorEvent[] {
    return [...(this.#events.get(name) ?? [])];
  }
}

/**
 * The app names a target means (the supervisor's own resolution picks instances; this picks the
 * apps a host remembers, also those with no instance left): 'all', an app name, or a global id as a string (PM2's pm_id).
 * Unknown → RESILAB_E_UNKNOWN_APP naming the target, as the supervisor does.
 */
export function appsOfTarget(target: string | null, rows: InstanceInfo[], known: string[]): string[] {
  const names = [...new Set([...known, ...rows.map((row) => row.app)])];
  if (target === null || target === 'all') return names;
  if (names.includes(target)) return [target];
  if (/^\d+$/.test(target)) {
    const row = rows.find((candidate) => candidate.id === Number(target));
    if (row) return [row.app];
  }
  throw new LabError(
    'RESILAB_E_UNKNOWN_APP',
    `target: no app or id ${quote(target)} (known: ${names.join(', ') || 'none'})`,
  );
}
