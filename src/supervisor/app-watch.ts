// `watch` for one app: its paths watched, bursts debounced, and one restart at a time; a change seen
// while a restart runs leads to one more restart after it (the new code may predate the change).
import { resolve } from 'node:path';
import { LabError, quote } from '../errors.js';
import type { AppConfig } from '../types.js';
import { FileWatch } from './file-watch.js';
import { logPaths } from './logs.js';
import { type Burst, Debounce } from './watch-debounce.js';
import { ignoreMatcher, shownPath, watchRoots } from './watch-ignore.js';

/** What the engine does on a change: restart (fork) or reload (cluster) the app; resolves when done. */
export type OnChange = (path: string, changes: number) => Promise<void>;

/** The file watch of one app, from start to delete/shutdown. */
export class AppWatch {
  private readonly files: FileWatch;
  private readonly debounce: Debounce;
  private running: Promise<void> | null = null;
  private pending: Burst | null = null;
  private closed = false;

  private constructor(
    private readonly app: AppConfig,
    ownFiles: string[],
    private readonly onChange: OnChange,
  ) {
    const ignored = ignoreMatcher({ cwd: app.cwd, ignore_watch: app.ignore_watch, ownFiles });
    this.debounce = new Debounce((burst) => this.due(burst));
    this.files = new FileWatch(ignored, (path) => this.debounce.add(path));
  }

  /** Watches app's paths (null when watch is off); RESILAB_E_ECOSYSTEM when a path does not exist. */
  static async start(app: AppConfig, ownFiles: string[], onChange: OnChange): Promise<AppWatch | null> {
    const roots = watchRoots(app, (path) => resolve(app.cwd, path));
    if (roots.length === 0) return null;
    const watch = new AppWatch(app, ownFiles, onChange);
    for (const root of roots) {
      try {
        await watch.files.add(root);
      } catch (error) {
        watch.close();
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new LabError('RESILAB_E_ECOSYSTEM', `${app.name}.watch: cannot watch ${quote(root)} (${code})`);
      }
    }
    return watch;
  }

  /** Stops watching; a restart already running finishes, a pending one is dropped. */
  close(): void {
    this.closed = true;
    this.pending = null;
    this.debounce.cancel();
    this.files.close();
  }

  /** Resolves when no watch restart runs (tests, shutdown order). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private due(burst: Burst): void {
    if (this.closed) return;
    if (this.running) {
      this.pending = this.pending
        ? { ...this.pending, changes: this.pending.changes + burst.changes }
        : burst;
      return;
    }
    const path = shownPath(this.app.cwd, burst.path);
    this.running = this.onChange(path, burst.changes)
      .catch(() => undefined) // the engine reports a failed restart/reload in its events
      .finally(() => {
        this.running = null;
        const next = this.pending;
        this.pending = null;
        if (next) this.due(next);
      });
  }
}

/** The files the supervisor writes for app (its logs, in every instance form) plus extra ones. */
export function ownFiles(app: AppConfig, home: string, extra: readonly string[]): string[] {
  const merged = logPaths({ ...app, merge_logs: true }, 0, home);
  return [merged.out, merged.err, ...extra];
}

/** Starts the watch of every app with `watch`, before any process: a bad path starts nothing. */
export async function watchApps(
  apps: AppConfig[],
  ownFilesOf: (app: AppConfig) => string[],
  onChange: (app: AppConfig, path: string, changes: number) => Promise<void>,
): Promise<Map<string, AppWatch>> {
  const started = new Map<string, AppWatch>();
  try {
    for (const app of apps) {
      const watch = await AppWatch.start(app, ownFilesOf(app), (path, n) => onChange(app, path, n));
      if (watch) started.set(app.name, watch);
    }
  } catch (error) {
    for (const watch of started.values()) watch.close();
    throw error;
  }
  return started;
}
