// What a crash loop ended in, from the supervisor's events: how many instances it gave up on
// (`errored`) and how many boots it took, so a CI gate can say "errored after max_restarts boots".
import type { AppConfig, SupervisorEvent } from '../types.js';

type Exit = Extract<SupervisorEvent, { type: 'exit' }>;

/**
 * errored: the instances the supervisor gave up on (errored events).
 * boots_to_errored: for the instance that went errored, its unstable exits in a row (unexpected,
 * up < min_uptime) up to the errored event; each is one boot of the loop. A stable exit or one the
 * supervisor asked for (a restart command starts the policy afresh) ends the count. The most over
 * the errored instances; null when none went errored.
 */
export function crashLoopFigures(
  events: readonly SupervisorEvent[],
  apps: readonly Pick<AppConfig, 'name' | 'min_uptime'>[],
): { errored: number; boots_to_errored: number | null } {
  const ordered = [...events].sort((a, b) => a.t - b.t);
  const errored = ordered.filter((e) => e.type === 'errored');
  let boots: number | null = null;
  for (const end of errored) {
    const minUptime = apps.find((a) => a.name === end.app)?.min_uptime ?? 0;
    const exits = ordered.filter(
      (e): e is Exit => e.type === 'exit' && e.app === end.app && e.instance === end.instance && e.t <= end.t,
    );
    let run = 0;
    for (const exit of exits.reverse()) {
      if (exit.expected || exit.uptime_ms >= minUptime) break;
      run += 1;
    }
    boots = Math.max(boots ?? 0, run);
  }
  return { errored: errored.length, boots_to_errored: boots };
}
