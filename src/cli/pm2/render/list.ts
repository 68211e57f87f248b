// The `list` / `ls` / `status` table, as PM2 shows it: one line per instance.
import type { InstanceRow } from '../../../protocol/results.js';
import { formatBytes, formatCpu, formatUptime, table } from './format.js';

const HEADER = ['id', 'name', 'mode', 'pid', 'uptime', '↺', 'status', 'cpu', 'memory'];

/** Whether an instance's process is up (the uptime column is 0 otherwise). */
function running(row: InstanceRow): boolean {
  return row.pid !== null && !['stopped', 'errored', 'waiting-restart'].includes(row.state);
}

/** The table for `rows` at time `now` (epoch ms); a note instead when nothing runs. */
export function renderList(rows: InstanceRow[], now: number): string {
  if (rows.length === 0) return 'No app is running. Start one with `resilab start <script>`.';
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  return table(
    HEADER,
    sorted.map((row) => [
      String(row.id),
      row.app,
      row.exec_mode,
      running(row) ? String(row.pid) : '0',
      running(row) && row.started_at !== null ? formatUptime(now - row.started_at) : '0',
      String(row.restarts),
      row.state,
      running(row) ? formatCpu(row.cpu) : '0%',
      running(row) ? formatBytes(row.rss) : '0b',
    ]),
  );
}
