// Live figures for the progress line while load runs: 2xx/s over the last second, failed requests
// and crashes so far. Every bucket also goes to the recorder, the only sink.
import type { LoadBucket } from '../types.js';
import type { Recorder } from './recorder.js';

const WINDOW_MS = 1000;

/** Feeds buckets to the recorder, calls onStart with the first one's start (the load's real start),
 * and reports { rps, errors, restarts } after each one. */
export function watchLoad(
  recorder: Recorder,
  onLoad: (status: { rps: number; errors: number; restarts: number }) => void,
  onStart: (t: number) => void = () => {},
): { bucket: (b: LoadBucket) => void; stop: () => void } {
  const recent: LoadBucket[] = [];
  let first = true;
  let errors = 0;
  let stopped = false;
  return {
    bucket(b) {
      recorder.bucket(b);
      if (stopped) return;
      if (first) {
        first = false;
        onStart(b.t_start);
      }
      errors += b.resets + b.timeouts + b.non_2xx;
      recent.push(b);
      while (recent.length > 0 && (recent[0] as LoadBucket).t_end <= b.t_end - WINDOW_MS) recent.shift();
      const span = Math.max(b.t_end - (recent[0] as LoadBucket).t_start, 1);
      const ok = recent.reduce((sum, r) => sum + r.ok_2xx, 0);
      onLoad({ rps: (ok * 1000) / span, errors, restarts: recorder.crashes() });
    },
    stop() {
      stopped = true;
    },
  };
}
