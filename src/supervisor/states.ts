// The instance state machine as data: which transitions are legal. The instance refuses any other,
// with an error that names both states, so a bug shows where it happened instead of drifting on.
// Every entry is one the supervisor makes (test/unit/supervisor/transitions.test.ts walks each).
import { LabError } from '../errors.js';
import type { AppConfig, InstanceState } from '../types.js';

/** state → the states it may move to. */
export const TRANSITIONS: Record<InstanceState, readonly InstanceState[]> = {
  launching: ['online', 'stopping', 'waiting-restart', 'errored', 'stopped'],
  online: ['listening', 'ready', 'hung', 'unhealthy', 'stopping', 'waiting-restart', 'errored', 'stopped'],
  listening: ['ready', 'hung', 'unhealthy', 'stopping', 'waiting-restart', 'errored', 'stopped'],
  ready: ['hung', 'unhealthy', 'stopping', 'waiting-restart', 'errored', 'stopped'],
  // Condemned: killed (then the policy decides: waiting-restart, errored, stopped) or replaced.
  hung: ['stopping', 'waiting-restart', 'errored', 'stopped'],
  unhealthy: ['stopping', 'waiting-restart', 'errored', 'stopped'],
  stopping: ['stopped'],
  stopped: ['launching'],
  'waiting-restart': ['launching', 'stopped'],
  errored: ['stopped'],
};

/** True when from → to is a legal transition. */
export function canMove(from: InstanceState, to: InstanceState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws RESILAB_E_SUPERVISOR naming both states when from → to is not legal. */
export function assertMove(app: string, instance: number, from: InstanceState, to: InstanceState): void {
  if (!canMove(from, to)) {
    throw new LabError(
      'RESILAB_E_SUPERVISOR',
      `${app}:${instance}: cannot go from state '${from}' to '${to}'`,
    );
  }
}

/** States in which a process accepts work (listening or ready), whatever the app's wait_ready. */
export function isUp(state: InstanceState): boolean {
  return state === 'listening' || state === 'ready';
}

/**
 * Whether start and reload may count the process as up: with wait_ready only 'ready' does (an app
 * that listens before it has opened its database is not up yet); without it, listening or ready.
 */
export function isUpFor(state: InstanceState, waitReady: boolean): boolean {
  return waitReady ? state === 'ready' : isUp(state);
}

/**
 * Whether the app is up only at 'ready': wait_ready (the app says so), or health_check.gate_ready
 * (the first passing health check says so, and moves the process to 'ready').
 */
export function waitsForReady(app: Pick<AppConfig, 'wait_ready' | 'health_check'>): boolean {
  return app.wait_ready || app.health_check?.gate_ready === true;
}
