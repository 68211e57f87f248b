// The options commander hands the PM2-style actions: apart from the wiring so actions need not import it.
import type { RuntimeFlags } from '../../supervise.js';

/** Where the runtime flags of `start` land (the same flags as `resilab runtime`). */
export interface StartOptions extends Omit<RuntimeFlags, 'args'> {
  json?: boolean;
  /** The daemon's --metrics-port/--metrics-host: used only when this start launches the daemon. */
  metricsPort?: string;
  metricsHost?: string;
}

/** Options of `logs`. */
export interface LogsOptions {
  lines: string;
  err?: boolean;
  out?: boolean;
  nostream?: boolean;
}
