// Small text formats shared by list, describe and monit: PM2's short uptime and memory units and a
// box-drawn table. Pure functions: the caller writes the string.

/** "0s", "42s", "5m", "3h", "2D", like PM2's uptime column. */
export function formatUptime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '0';
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}D`;
}

/** "512b", "12.3kb", "45.2mb", "1.1gb" (1024-based), or "0b" when unknown. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes <= 0) return '0b';
  const units = ['b', 'kb', 'mb', 'gb'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value}b` : `${value.toFixed(1)}${units[unit]}`;
}

/** "0%", "12.5%", or "n/a" when unknown. */
export function formatCpu(cpu: number | null): string {
  return cpu === null || !Number.isFinite(cpu) ? 'n/a' : `${Math.round(cpu * 10) / 10}%`;
}

/** Cuts a line to `width` visible characters, ending in "…" when cut. */
export function clip(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** A box-drawn table (as PM2 prints): a header row, then one line per row. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) =>
    Math.max([...cell].length, ...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const rule = (left: string, middle: string, right: string): string =>
    left + widths.map((width) => '─'.repeat(width + 2)).join(middle) + right;
  const line = (cells: string[]): string =>
    `│${widths.map((width, column) => ` ${pad(cells[column] ?? '', width)} `).join('│')}│`;
  return [
    rule('┌', '┬', '┐'),
    line(header),
    rule('├', '┼', '┤'),
    ...rows.map(line),
    rule('└', '┴', '┘'),
  ].join('\n');
}
