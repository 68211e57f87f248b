// Durations ("5s", "200ms", "1m", or a number of ms) and sizes ("150M", "1G", 1024-based, or a
// number of bytes) as PM2's ecosystem files and scenario files write them. Each returns null for a
// value it cannot read, so the caller can name the field in its own message.

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;
const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds from 250, "250", "250ms", "5s", "1.5m", "1h"; null when it is none of those. */
export function parseDuration(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const match = DURATION.exec(value.trim());
  if (!match) return null;
  const unit = (match[2] ?? 'ms').toLowerCase();
  return Number(match[1]) * (DURATION_UNITS[unit] ?? 1);
}

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?$/i;
const SIZE_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** Bytes from 1048576, "512K", "150M", "150MB", "1G" (1024-based, as PM2); null when unreadable. */
export function parseSize(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const match = SIZE.exec(value.trim());
  if (!match) return null;
  const unit = (match[2] ?? 'b').toLowerCase().replace(/b$/, '') || 'b';
  return Math.round(Number(match[1]) * (SIZE_UNITS[unit] ?? 1));
}
