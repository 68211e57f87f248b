// The fault timeline of a variant: each fault fires at its at_ms after load start. Every timer takes
// the signal, so when the load ends (or the run stops) pending faults are skipped and running ones
// end at once (a frozen instance is continued).
import { setMaxListeners } from 'node:events';
import { now } from '../clock.js';
import type { FaultContext } from '../faults/index.js';
import { runFault } from '../faults/index.js';
import type { FaultRecord, FaultSpec } from '../types.js';

/** Runs every fault at its time; resolves with the records of those that fired, in spec order. */
export async function runTimeline(
  faults: readonly FaultSpec[],
  context: FaultContext,
  onFire?: (spec: FaultSpec, t: number) => void,
): Promise<FaultRecord[]> {
  // One abort listener per pending fault is by design (the CI preset has 20), not a leak.
  setMaxListeners(faults.length + 10, context.signal);
  const fired = await Promise.all(faults.map((spec) => fireAt(spec, context, onFire)));
  return fired.filter((record): record is FaultRecord => record !== null);
}

async function fireAt(
  spec: FaultSpec,
  context: FaultContext,
  onFire?: (spec: FaultSpec, t: number) => void,
): Promise<FaultRecord | null> {
  const due = context.load_start + spec.at_ms;
  const started = await waitUntil(due, context.signal);
  if (!started) return null;
  onFire?.(spec, now());
  return runFault(spec, context);
}

/** True when the time came, false when the signal aborted first. */
function waitUntil(t: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      },
      Math.max(0, t - now()),
    );
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
