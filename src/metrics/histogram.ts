// Window latencies merged exactly: each load bucket carries its HdrHistogram (encoded by the load
// generator, values in µs), so a span's percentiles are read from the sum of its buckets' histograms
// instead of being guessed from their percentiles. Pure: decode, add, read, free.
import { build, decodeFromCompressedBase64 } from 'hdr-histogram-js';
import type { BucketLatency } from '../types.js';

/** Load latency percentiles in ms; p999 is null when a window had no histogram (results before HDR). */
export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  p999: number | null;
  max: number;
}

/** Same settings as the load generator's (src/load/histogram.ts): µs, 1 µs to 1 hour, 2 digits. */
const HDR = {
  lowestDiscernibleValue: 1,
  highestTrackableValue: 3_600_000_000,
  numberOfSignificantValueDigits: 2,
} as const;

const ms = (us: number) => Math.round(us) / 1000;

/**
 * The merged percentiles of windows that each carry a histogram, or null when none has a response.
 * The max is the largest exact max of the windows (the histogram's is rounded to its resolution).
 */
export function mergeHistograms(parts: readonly BucketLatency[]): Latency | null {
  const withHdr = parts.filter(
    (p): p is BucketLatency & { hdr: string } => p.count > 0 && p.hdr !== undefined,
  );
  if (withHdr.length === 0) return null;
  const total = build({ ...HDR, bitBucketSize: 64 });
  for (const part of withHdr) {
    const one = decodeFromCompressedBase64(part.hdr, 64);
    total.add(one);
    one.destroy();
  }
  const max = Math.max(...withHdr.map((p) => p.max));
  // A histogram reads back the top of a value's 1 % band: never past the exact max.
  const at = (p: number) => Math.min(ms(total.getValueAtPercentile(p)), max);
  const latency = { p50: at(50), p90: at(90), p99: at(99), p999: at(99.9), max };
  total.destroy();
  return latency;
}
