// What a toxic does to one direction of a connection, as pure decisions: when a chunk may go out
// (latency, bandwidth), whether it goes at all (timeout), how long a close waits (slow_close).
// Toxiproxy's meanings and attribute names; the streaming itself is in pipe.ts.
import type { NetworkToxic } from '../types.js';

/** A direction of a proxied connection: upstream = client → server, downstream = server → client. */
export type Stream = 'upstream' | 'downstream';

/** Bytes in a Toxiproxy "KB" (its bandwidth `rate` is in KB/s). */
export const KB = 1000;
/** The largest slice a bandwidth-capped stream writes at once: 20 ms worth, so the cap is smooth. */
const SLICE_MS = 20;

/** The toxic that acts on `stream` now, or null (a link-level toxic acts on both directions). */
export function toxicFor(toxic: NetworkToxic | null, stream: Stream): NetworkToxic | null {
  if (toxic === null) return null;
  if (toxic.toxic === 'latency' || toxic.toxic === 'bandwidth' || toxic.toxic === 'slow_close')
    return toxic.stream === stream ? toxic : null;
  return toxic;
}

/** The delay of one chunk under a latency toxic: latency ± jitter (uniform), never below 0. */
export function latencyDelay(toxic: { latency: number; jitter: number }, random: () => number): number {
  const jitter = toxic.jitter > 0 ? (random() * 2 - 1) * toxic.jitter : 0;
  return Math.max(0, toxic.latency + jitter);
}

/** Splits `size` bytes into slices no larger than SLICE_MS worth at `rate` KB/s. */
export function bandwidthSlices(size: number, rate: number): number[] {
  const max = Math.max(1, Math.floor((rate * KB * SLICE_MS) / 1000));
  const slices: number[] = [];
  for (let left = size; left > 0; left -= max) slices.push(Math.min(max, left));
  return slices;
}

/** How long `bytes` take at `rate` KB/s, in ms. */
export function transferMs(bytes: number, rate: number): number {
  return (bytes / (rate * KB)) * 1000;
}
