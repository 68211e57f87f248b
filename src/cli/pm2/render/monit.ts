// The `monit` screen as a pure function of what the daemon reported and the terminal size, so the
// dashboard is unit-tested without a terminal; the command only clears the screen and writes it.
import type { InstanceRow } from '../../../protocol/results.js';
import { clip, formatBytes, formatCpu, formatUptime } from './format.js';

/** One log line kept for the screen. */
export interface MonitLog {
  id: number | null;
  app: string;
  stream: 'out' | 'err';
  line: string;
}

/** Everything the screen shows. */
export interface MonitState {
  rows: InstanceRow[];
  /** Latest last. */
  logs: MonitLog[];
  now: number;
  /** Set when the daemon could not be asked this time (the screen says so instead of going stale). */
  error: string | null;
}

/** The terminal's size in characters. */
export interface ScreenSize {
  columns: number;
  rows: number;
}

const COLUMNS: [string, number][] = [
  ['id', 4],
  ['name', 16],
  ['status', 16],
  ['↺', 5],
  ['cpu', 8],
  ['memory', 10],
  ['pid', 8],
  ['uptime', 7],
];

function cells(values: string[]): string {
  return values
    .map((value, i) => clip(value, (COLUMNS[i]?.[1] ?? 8) - 1).padEnd(COLUMNS[i]?.[1] ?? 8))
    .join('');
}

/** PM2's log prefix: `0|api  | `. */
export function logPrefix(id: number | null, app: string): string {
  return `${id ?? '-'}|${app.padEnd(5)}| `;
}

/** The whole screen: exactly `size.rows` lines or fewer, none wider than `size.columns`. */
export function renderMonit(state: MonitState, size: ScreenSize): string {
  const width = Math.max(20, size.columns);
  const height = Math.max(6, size.rows);
  const rows = [...state.rows].sort((a, b) => a.id - b.id);
  const apps = new Set(rows.map((row) => row.app)).size;
  const lines: string[] = [];
  lines.push(`resilab monit: ${apps} app(s), ${rows.length} instance(s)   q to quit`);
  lines.push(state.error ? `! ${state.error}` : '');
  lines.push(cells(COLUMNS.map(([name]) => name)));
  const instanceLines = rows.map((row) =>
    cells([
      String(row.id),
      row.app,
      row.state,
      String(row.restarts),
      formatCpu(row.cpu),
      formatBytes(row.rss),
      row.pid === null ? '-' : String(row.pid),
      row.started_at === null || row.pid === null ? '-' : formatUptime(state.now - row.started_at),
    ]),
  );
  // Instances first; at least 3 log lines stay visible when the terminal is short.
  const roomForInstances = Math.max(1, height - lines.length - 4);
  lines.push(...instanceLines.slice(0, roomForInstances));
  if (instanceLines.length > roomForInstances)
    lines[lines.length - 1] = `… ${instanceLines.length - roomForInstances + 1} more`;
  lines.push(`── latest logs ${'─'.repeat(Math.max(0, width - 15))}`);
  const roomForLogs = height - lines.length;
  const logs = roomForLogs > 0 ? state.logs.slice(-roomForLogs) : [];
  for (const log of logs) lines.push(`${logPrefix(log.id, log.app)}${log.line}`);
  return lines
    .slice(0, height)
    .map((line) => clip(line, width))
    .join('\n');
}
