// Which restart cause a supervisor event stands for, for the resilab_instance_restarts_total
// counter, so the metric says what the supervisor said. A hung or unhealthy process the
// supervisor kills (fork mode) is restarted by the policy after its exit: that `restart-scheduled`
// is counted under hung/unhealthy, not as a crash, so one restart is counted once.
import type { SupervisorEvent } from '../types.js';

/** The causes a restart is counted under (the `cause` label). */
export const RESTART_CAUSES = ['crash', 'memory', 'hung', 'unhealthy', 'watch'] as const;
export type RestartCause = (typeof RESTART_CAUSES)[number];

/** Reads the event stream in order and names the cause of each restart it announces. */
export class RestartCauses {
  /** Instances killed as hung/unhealthy whose policy restart is still to come, by `app:instance`. */
  readonly #pending = new Map<string, RestartCause>();

  /** The cause this event announces a restart for, or null when it announces none. */
  causeOf(event: SupervisorEvent): RestartCause | null {
    const key = `${event.app}:${event.instance}`;
    switch (event.type) {
      case 'hung':
      case 'unhealthy':
        // Replaced (cluster): the replacement is the restart. Killed (fork): the policy's is.
        if (event.action === 'replace') return event.type;
        this.#pending.set(key, event.type);
        return null;
      case 'restart-scheduled': {
        const cause = this.#pending.get(key) ?? 'crash';
        this.#pending.delete(key);
        return cause;
      }
      case 'memory-limit':
        return 'memory';
      case 'watch-restart':
        return 'watch';
      default:
        return null;
    }
  }
}
