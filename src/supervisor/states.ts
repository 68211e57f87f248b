// The instance state machine as data: which transitions are legal. The instance refuses any other,
// with an error that names both states, so a bug shows where it happened instead of drifting on.
import { LabError } from '../errors.js';
import type { InstanceState } from '../types.js';

/** state → the states it may move to. */
export const TRANSITIONS: Record<InstanceState, readonly InstanceState[]> = {
  launching: ['online', 'listening', 'ready', 'stopping', 'waiting-restart', 'errored', 'stopped'],
  online: ['listening', 'ready', 'stopping', 'waiting-restart', 'errored', 'stopped'],
  listening: ['ready', 'stopping', 'waiting-restart', 'errored', 'stopped', 'listening'],
  ready: ['stopping', 'waiting-restart', 'errored', 'stopped', 'listening', 'ready'],
  stopping: ['stopped', 'launching'],
  stopped: ['launching'],
  'waiting-restart': ['launching', 'stopping', 'stopped'],
  errored: ['launching', 'stopped'],
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

/** States in which the instance counts as up (start and reload wait for one of them). */
export function isUp(state: InstanceState): boolean {
  return state === 'listening' || state === 'ready';
}
