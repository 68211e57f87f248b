// logs, flush and monit: the commands that read the log files and follow the daemon's stream.
import { LabError } from '../../errors.js';
import type { InstanceRow } from '../../protocol/results.js';
import type { LogsOptions } from '../pm2-commands.js';
import type { StreamedLog } from './client.js';
import { requireDaemon } from './launch.js';
import { count, home, note } from './output.js';
import { renderList } from './render/list.js';
import { logPrefix, type MonitLog, renderMonit } from './render/monit.js';
import { tailLines } from './tail.js';

/** How often monit asks the daemon for the process list. */
export const MONIT_INTERVAL_MS = 1000;
/** Log lines monit keeps for its screen. */
const MONIT_LOG_LINES = 200;

/** Resolves on Ctrl-C / SIGTERM (the way a following command ends). */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `logs [target] [--lines N] [--err|--out] [--nostream]`. */
export async function logs(target: string | undefined, options: LogsOptions): Promise<void> {
  if (options.err && options.out)
    throw new LabError('RESILAB_E_USAGE', '--err and --out: give one of them, or neither');
  const lines = count('--lines', options.lines, 0);
  const streams = new Set<'out' | 'err'>(options.err ? ['err'] : options.out ? ['out'] : ['out', 'err']);
  const client = await requireDaemon(home());
  try {
    const files = await client.request({ cmd: 'logfiles', target: target ?? null });
    if (lines > 0) {
      for (const file of files) {
        for (const stream of streams) {
          const path = stream === 'out' ? file.out : file.err;
          const last = tailLines(path, lines);
          process.stdout.write(`${path} last ${lines} lines:\n`);
          for (const line of last) process.stdout.write(`${logPrefix(file.id, file.app)}${line}\n`);
          process.stdout.write('\n');
        }
      }
    }
    if (options.nostream) return;
    await client.subscribe(target ?? null, {
      log: (line: StreamedLog) => {
        if (streams.has(line.stream)) process.stdout.write(`${logPrefix(line.id, line.app)}${line.line}\n`);
      },
    });
    note(`following ${target ?? 'all'} (Ctrl-C to stop)`);
    await Promise.race([interrupted(), client.closed()]);
  } finally {
    client.close();
  }
}

/** `flush [target]`. */
export async function flush(target: string | undefined): Promise<void> {
  const client = await requireDaemon(home());
  try {
    const emptied = await client.request({ cmd: 'flush', target: target ?? null });
    note(`flushed ${emptied.length} log file(s)`);
    for (const file of emptied) process.stdout.write(`${file}\n`);
  } finally {
    client.close();
  }
}

/** `monit`: a full-screen dashboard on a terminal (q quits), plain periodic tables otherwise. */
export async function monit(): Promise<void> {
  const client = await requireDaemon(home());
  const recent: MonitLog[] = [];
  let rows: InstanceRow[] = [];
  let error: string | null = null;
  const tty = Boolean(process.stdout.isTTY);
  await client.subscribe(null, {
    log: (line) => {
      recent.push({ id: line.id, app: line.app, stream: line.stream, line: line.line });
      if (recent.length > MONIT_LOG_LINES) recent.splice(0, recent.length - MONIT_LOG_LINES);
    },
  });
  const draw = async (): Promise<void> => {
    try {
      rows = await client.request({ cmd: 'list' });
      error = null;
    } catch (failure) {
      error = (failure as Error).message;
    }
    if (tty) {
      // A terminal that reports no size (0) gets the classic 80×24.
      const size = { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
      process.stdout.write(
        `\x1b[H\x1b[2J${renderMonit({ rows, logs: recent, now: Date.now(), error }, size)}`,
      );
    } else {
      process.stdout.write(
        `${new Date().toISOString()}\n${error ? `! ${error}\n` : ''}${renderList(rows, Date.now())}\n`,
      );
    }
  };
  const quit = new Promise<void>((resolve) => {
    if (!tty || !process.stdin.isTTY) return;
    process.stdin.setRawMode(true);
    process.stdin.resume();
    process.stdin.on('data', (key: Buffer) => {
      const text = key.toString();
      if (text === 'q' || text === '\u0003') resolve();
    });
  });
  if (tty) process.stdout.write('\x1b[?1049h\x1b[?25l');
  await draw();
  const timer = setInterval(() => void draw(), MONIT_INTERVAL_MS);
  const redraw = (): void => void draw();
  if (tty) process.stdout.on('resize', redraw);
  try {
    await Promise.race([quit, interrupted(), client.closed()]);
  } finally {
    clearInterval(timer);
    process.stdout.off('resize', redraw);
    if (tty) process.stdout.write('\x1b[?25h\x1b[?1049l');
    if (process.stdin.isTTY) {
      process.stdin.setRawMode(false);
      process.stdin.pause();
    }
    client.close();
  }
}
