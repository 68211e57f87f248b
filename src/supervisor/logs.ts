// Per-instance log files with PM2's names, timestamps and merge rules, plus built-in rotation.
// Instances that share a file (merge_logs, or out_file = error_file) share one ordered writer.
import { extname, join } from 'node:path';
import { now } from '../clock.js';
import type { AppConfig } from '../types.js';
import { LogFile } from './log-file.js';
import { formatDate, LinePrefixer } from './log-format.js';

/** The path that discards a stream (as in PM2). */
export const DISCARD = '/dev/null';

/** PM2's file-name form of an app name: anything but letters, digits, '.', '-' and '_' becomes '-'. */
function fileName(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]/g, '-');
}

/** `<file>` → `<file-without-ext>-<instance><ext>`: PM2's per-instance split of a custom log path. */
function withInstance(path: string, instance: number): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}-${instance}${ext}`;
}

/**
 * The files an instance writes, as PM2 names them: `<home>/logs/<name>-out-<i>.log` and
 * `<name>-error-<i>.log`; with merge_logs no `-<i>` (one file for all instances); a custom path gets
 * `-<i>` before its extension unless merge_logs; '/dev/null' disables the stream.
 */
export function logPaths(app: AppConfig, instance: number, home: string): { out: string; err: string } {
  const resolvePath = (custom: string | null, kind: 'out' | 'error'): string => {
    if (custom === DISCARD) return DISCARD;
    if (custom === null) {
      const suffix = app.merge_logs ? '' : `-${instance}`;
      return join(home, 'logs', `${fileName(app.name)}-${kind}${suffix}.log`);
    }
    return app.merge_logs ? custom : withInstance(custom, instance);
  };
  return { out: resolvePath(app.out_file, 'out'), err: resolvePath(app.error_file, 'error') };
}

/** Open log files by path, with how many InstanceLogs use each. */
const shared = new Map<string, { file: LogFile; users: number }>();

function acquire(path: string, app: AppConfig): LogFile {
  const entry = shared.get(path) ?? {
    file: new LogFile(path, { maxSize: app.max_log_size, retain: app.retain }),
    users: 0,
  };
  entry.users++;
  shared.set(path, entry);
  return entry.file;
}

async function release(file: LogFile): Promise<void> {
  const entry = shared.get(file.path);
  if (!entry || entry.file !== file) return file.close();
  entry.users--;
  if (entry.users > 0) return file.flush();
  shared.delete(file.path);
  await file.close();
}

/**
 * Closes every open log file, after writing what is queued: the next line opens its path again, so
 * a file moved away (logrotate) is followed by a new one (`reloadLogs`). Returns the paths closed.
 */
export async function reopenLogFiles(): Promise<string[]> {
  const files = [...shared.values()].map((entry) => entry.file);
  await Promise.all(files.map((file) => file.close()));
  return files.map((file) => file.path);
}

/** The prefix text of a line: log_date_format when set, else ISO time when `time` is on; null = no prefix. */
function stampFor(app: AppConfig): (() => string) | null {
  const format = app.log_date_format;
  if (format) return () => formatDate(new Date(now()), format);
  if (app.time) return () => new Date(now()).toISOString();
  return null;
}

type Stream = 'out' | 'err';

/** What one instance writes to its out and error logs; the supervisor feeds it the child's stdio. */
export class InstanceLog {
  private readonly files: Record<Stream, LogFile | null>;
  private readonly prefixers: Record<Stream, LinePrefixer | null>;
  /** PM2's log_file: out and err together, as they were written. */
  private readonly combined: LogFile | null;
  private closed = false;

  constructor(app: AppConfig, instance: number, home: string) {
    const paths = logPaths(app, instance, home);
    this.files = {
      out: paths.out === DISCARD ? null : acquire(paths.out, app),
      err: paths.err === DISCARD ? null : acquire(paths.err, app),
    };
    const combined = app.log_file && app.log_file !== DISCARD ? app.log_file : null;
    this.combined = combined
      ? acquire(app.merge_logs ? combined : withInstance(combined, instance), app)
      : null;
    const stamp = stampFor(app);
    this.prefixers = {
      out: stamp ? new LinePrefixer(stamp) : null,
      err: stamp ? new LinePrefixer(stamp) : null,
    };
  }

  /** Queues output of the child; with time/log_date_format only whole lines are written (with their stamp). */
  write(stream: Stream, chunk: Buffer | string): void {
    const file = this.files[stream];
    if ((!file && !this.combined) || this.closed) return;
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const prefixer = this.prefixers[stream];
    const ready = prefixer ? prefixer.push(data) : data;
    if (!ready) return;
    file?.write(ready);
    this.combined?.write(ready);
  }

  /** Resolves when everything written so far is on disk; a pending partial line is written, ended by a newline. */
  async flush(): Promise<void> {
    for (const stream of ['out', 'err'] as const) {
      const tail = this.prefixers[stream]?.end();
      if (tail) this.files[stream]?.write(tail);
      if (tail) this.combined?.write(tail);
    }
    await Promise.all([this.files.out?.flush(), this.files.err?.flush(), this.combined?.flush()]);
  }

  /** Flushes and closes the files (a shared file closes when its last instance closes). */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    await Promise.all(
      [this.files.out, this.files.err, this.combined].map((file) => (file ? release(file) : undefined)),
    );
  }
}
