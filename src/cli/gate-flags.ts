// The flags that choose how `compare` and `ci` decide a regression: --gate, --tolerance, --min-effect.
// Statistics by default; giving --tolerance (or --gate tolerance) keeps the simple percentage gate.
import { LabError } from '../errors.js';

/** '20%' → 0.2, '0.2' → 0.2; anything else (or a bare number above 1) is a usage error. */
export function parseTolerance(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!match || !Number.isFinite(value) || (!match[2] && value > 1)) {
    throw new LabError(
      'RESILAB_E_USAGE',
      `--tolerance: expected a percentage like "20%" or a fraction like 0.2, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/** The flags as commander gives them (each undefined when not given). */
export interface GateFlags {
  gate?: string;
  tolerance?: string;
  minEffect?: string;
}

/** The resolved choice. */
export interface Gate {
  gate: 'stats' | 'tolerance';
  tolerance: number;
  minEffect: number;
}

/** The tolerance when none is given (the simple gate's default). */
export const DEFAULT_TOLERANCE = 0.2;
/** The smallest change the statistical gate calls a regression. */
export const DEFAULT_MIN_EFFECT = 0.1;

/** Validates the gate flags: an unknown gate or a malformed percentage → RESILAB_E_USAGE. */
export function parseGate(flags: GateFlags): Gate {
  if (flags.gate !== undefined && flags.gate !== 'stats' && flags.gate !== 'tolerance')
    throw new LabError(
      'RESILAB_E_USAGE',
      `--gate: expected "stats" or "tolerance", got ${JSON.stringify(flags.gate)}`,
    );
  const tolerance = flags.tolerance === undefined ? DEFAULT_TOLERANCE : parseTolerance(flags.tolerance);
  const minEffect = flags.minEffect === undefined ? DEFAULT_MIN_EFFECT : parseMinEffect(flags.minEffect);
  const gate =
    (flags.gate as Gate['gate'] | undefined) ?? (flags.tolerance !== undefined ? 'tolerance' : 'stats');
  return { gate, tolerance, minEffect };
}

/** Adds the three flags to a command (shared by `compare` and `ci`). */
export const GATE_OPTIONS = [
  [
    '--gate <stats|tolerance>',
    'how a regression is decided (default: stats; tolerance when --tolerance is given)',
  ],
  [
    '--tolerance <percent>',
    'the simple gate: how much worse a figure may get (default 20%); selects --gate tolerance',
  ],
  ['--min-effect <percent>', 'the statistical gate: the smallest change that counts (default 15%)'],
] as const;

/** '10%' → 0.1, '0.1' → 0.1; 0, a bare number above 1 or anything else → RESILAB_E_USAGE. */
function parseMinEffect(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match ? Number(match[1]) / (match[2] ? 100 : 1) : Number.NaN;
  if (!match || !(value > 0) || (!match[2] && value > 1))
    throw new LabError(
      'RESILAB_E_USAGE',
      `--min-effect: expected a percentage above 0 like "10%" or a fraction like 0.1, got ${JSON.stringify(text)}`,
    );
  return value;
}
