// Ctrl-C and SIGTERM during a long command: the first one aborts the run (which stops every
// process it started and writes what it measured); the handlers go away when the command ends.
import { LabError } from '../errors.js';

/** The run's abort signal and a release() to call when the command ends. */
export interface Interrupt {
  signal: AbortSignal;
  release(): void;
}

/** Aborts with RESILAB_E_INTERRUPTED on the first SIGINT/SIGTERM; `onRepeat` runs on later ones. */
export function onInterrupt(onRepeat?: () => void): Interrupt {
  const controller = new AbortController();
  let received = 0;
  const handler = (name: NodeJS.Signals) => {
    received += 1;
    if (received === 1) controller.abort(new LabError('RESILAB_E_INTERRUPTED', `interrupted by ${name}`));
    else onRepeat?.();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    release() {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
