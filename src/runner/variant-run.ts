// What one variant's run is given: apart from variant.ts so load-phase.ts can name it without a cycle.
import type { LiveSink, Scenario, Variant } from '../types.js';
import type { RunDependencies } from './dependencies.js';
import type { StartManager } from './managers/manager.js';
import type { Phase } from './options.js';

/** What a variant needs from its run. */
export interface VariantRun {
  scenario: Scenario;
  variant: Variant;
  /** The run's temporary directory (ecosystem files) and $RESILAB_HOME. */
  dir: string;
  home: string;
  signal: AbortSignal;
  /** The run's dependencies (behind their proxies), or null. */
  dependencies?: RunDependencies | null;
  onPhase: (phase: Phase, totalMs: number | null) => void;
  onLoad: (status: { rps: number; errors: number; restarts: number }) => void;
  /** The supervisor to drive; resilab's own unless the run says otherwise. */
  startManager?: StartManager;
  /** The live view's sink, when there is one. */
  live?: LiveSink;
}
