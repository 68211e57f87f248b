// Which fault kinds each manager can be asked for. Bare `node app.js` has no one to reload,
// restart or scale it; everything else is a URL or a signal, which works under any manager.
import type { FaultKind, ManagerName } from '../types.js';

const COMMANDS: readonly FaultKind[] = ['reload', 'restart', 'scale', 'boot-crash'];

/** The fault kinds a manager cannot carry out, so a scenario asking for one is refused at load. */
export function unsupportedFaults(manager: ManagerName): readonly FaultKind[] {
  return manager === 'node' ? COMMANDS : [];
}

/** Why a fault cannot apply to a manager, for the scenario's error line. */
export function whyUnsupported(manager: ManagerName, kind: FaultKind): string {
  return `${kind} needs a supervisor to ${kind === 'scale' ? 'scale' : 'restart'} the app; manager ${manager} runs plain \`node app.js\` with nothing over it`;
}
