// @ts-check
// The open model's arrival schedule, pure: a start rate and linear ramps (k6's ramping-arrival-rate)
// → the rate at any time, the expected arrivals by any time, and the time of the n-th arrival.
// Plain CommonJS so the worker thread (open-worker.cjs) and the TypeScript side share one copy.
//
// The rate is piecewise linear, so the arrivals by time t, N(t) = ∫ rate, are piecewise quadratic:
// arrival n (n = 0, 1, 2, …) is due when N(t) = n, found by solving one quadratic per segment.
'use strict';

/**
 * One piece of the rate curve: from `start_ms` for `duration_ms`, ramping `from` → `to` req/s;
 * `before` is the expected arrivals up to its start.
 * @typedef {{ start_ms: number; duration_ms: number; from: number; to: number; before: number }} Segment
 */

/**
 * The rate curve of a load: `rate` at 0, then each stage ramps to its target; the last target holds
 * until `durationMs` (and a load shorter than its stages is cut).
 * @param {number} rate
 * @param {readonly { duration_ms: number; target: number }[]} stages
 * @param {number} durationMs
 * @returns {Segment[]}
 */
function segments(rate, stages, durationMs) {
  /** @type {Segment[]} */
  const out = [];
  let start = 0;
  let from = rate;
  let before = 0;
  const add = (/** @type {number} */ duration, /** @type {number} */ to) => {
    const length = Math.min(duration, durationMs - start);
    if (!(length > 0)) return;
    // A cut ramp ends at the rate it reached at the cut.
    const end = from + ((to - from) * length) / duration;
    out.push({ start_ms: start, duration_ms: length, from, to: end, before });
    before += ((from + end) / 2) * (length / 1000);
    start += length;
    from = end;
  };
  for (const stage of stages) add(stage.duration_ms, stage.target);
  if (start < durationMs) add(durationMs - start, from);
  return out;
}

/**
 * The arrival rate (req/s) at `t` ms after the start; 0 outside the load.
 * @param {readonly Segment[]} segs
 * @param {number} t
 */
function rateAt(segs, t) {
  for (const s of segs) {
    if (t >= s.start_ms && t < s.start_ms + s.duration_ms)
      return s.from + ((s.to - s.from) * (t - s.start_ms)) / s.duration_ms;
  }
  return 0;
}

/**
 * The expected arrivals in [0, t): the integral of the rate.
 * @param {readonly Segment[]} segs
 * @param {number} t
 */
function arrivalsBy(segs, t) {
  let total = 0;
  for (const s of segs) {
    if (t <= s.start_ms) break;
    const x = Math.min(t - s.start_ms, s.duration_ms);
    const slope = (s.to - s.from) / s.duration_ms;
    total = s.before + (s.from * x + (slope * x * x) / 2) / 1000;
  }
  return total;
}

/**
 * When arrival n is due (ms after the start), or null when the load ends before it.
 * Within a segment, N(x) = before + (from·x + slope·x²/2) / 1000; the root is taken in the form
 * 2k / (b + √(b² + 2·slope·k)), which stays exact when the slope is 0 or tiny.
 * @param {readonly Segment[]} segs
 * @param {number} n
 * @returns {number | null}
 */
function arrivalTime(segs, n) {
  for (const s of segs) {
    const after = s.before + ((s.from + s.to) / 2) * (s.duration_ms / 1000);
    if (n >= after) continue;
    const k = (n - s.before) * 1000;
    const slope = (s.to - s.from) / s.duration_ms;
    const root = Math.sqrt(Math.max(0, s.from * s.from + 2 * slope * k));
    const denominator = s.from + root;
    const x = denominator > 0 ? (2 * k) / denominator : 0;
    return s.start_ms + Math.min(x, s.duration_ms);
  }
  return null;
}

/**
 * How many arrivals of a schedule started at `t0` (epoch ms) are due before `t`: the n with
 * t0 + arrivalTime(n) < t, in the worker's own arithmetic, so the main thread counts the arrivals
 * exactly without being sent each one. The integral gives the estimate, the exact times settle it.
 * @param {readonly Segment[]} segs
 * @param {number} t0
 * @param {number} t
 */
function arrivalsBefore(segs, t0, t) {
  const before = (/** @type {number} */ i) => {
    const at = arrivalTime(segs, i);
    return at !== null && t0 + at < t;
  };
  const estimate = Number.isFinite(t)
    ? arrivalsBy(segs, t - t0)
    : t > 0
      ? arrivalsBy(segs, Number.MAX_VALUE)
      : 0;
  let k = Math.max(0, Math.ceil(estimate));
  while (k > 0 && !before(k - 1)) k -= 1;
  while (before(k)) k += 1;
  return k;
}

module.exports = { segments, rateAt, arrivalsBy, arrivalTime, arrivalsBefore };
