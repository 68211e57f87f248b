// The challenge's result in plain words, for a classroom: what queued, what ran together, how much
// sooner, and, honestly, when this machine cannot show the effect. Pure.
import type { ModeResult } from '../types.js';

/** Latencies within this ratio of each other "finished together". */
const TOGETHER = 1.35;

const ordinal = (n: number): string => {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
};
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const times = (value: number): string => `${value.toFixed(1)}×`;

/** Sentences for the terminal and the report, most important first. */
export function verdict(single: ModeResult, cluster: ModeResult, cpus: number): string[] {
  const lines: string[] = [];
  const requests = single.latencies_ms.length;
  const first = single.latencies_ms[0] ?? Number.NaN;
  const last = single.latencies_ms.at(-1) ?? Number.NaN;
  if (requests < 2) {
    lines.push(`With one request there is nothing to queue behind: it took ${ms(first)} alone.`);
  } else if (last / first >= TOGETHER) {
    const before = requests === 2 ? 'the 1st' : `the ${requests - 1} before it`;
    lines.push(
      `With one instance the ${ordinal(requests)} request waited for ${before}: ${times(last / first)} slower (${ms(last)} vs ${ms(first)}).`,
    );
  } else {
    lines.push(
      `With one instance the requests did not queue visibly (${ms(first)} to ${ms(last)}): the loop may be too short to show it; try --loops 50000000.`,
    );
  }

  const cFirst = cluster.latencies_ms[0] ?? Number.NaN;
  const cLast = cluster.latencies_ms.at(-1) ?? Number.NaN;
  const parallel = Math.min(cpus, cluster.instances);
  if (requests >= 2 && cLast / cFirst < TOGETHER) {
    const all = requests === 2 ? 'both' : `all ${requests}`;
    lines.push(
      `In cluster mode (${cluster.instances} instances) ${all} finished together (${ms(cFirst)} to ${ms(cLast)}).`,
    );
  } else if (requests >= 2) {
    lines.push(
      `In cluster mode (${cluster.instances} instances) the requests still queued (${ms(cFirst)} to ${ms(cLast)}): at most ${parallel} loops run at once here.`,
    );
  }
  const speedup = single.total_ms / cluster.total_ms;
  const totals = `(${ms(cluster.total_ms)} vs ${ms(single.total_ms)} for one instance)`;
  if (speedup >= 1) lines.push(`All answers arrived ${times(speedup)} sooner in cluster mode ${totals}.`);
  else
    lines.push(
      `All answers arrived ${times(1 / speedup)} later in cluster mode ${totals}: other work held the cores.`,
    );
  lines.push(
    `A lone request takes ${ms(single.lone_ms)} here (${ms(cluster.lone_ms)} in a cluster worker): the cost of one loop.`,
  );
  return lines;
}

/** A 1-minute load average at or above this share of the cores means other work holds them. */
const BUSY_SHARE = 0.5;

/** What this machine cannot show, said plainly. `load` is the 1-minute load average at the start. */
export function limits(
  requests: number,
  instances: number,
  cpus: number,
  cluster: ModeResult,
  load = 0,
): string[] {
  const warnings: string[] = [];
  if (load >= cpus * BUSY_SHARE) {
    warnings.push(
      `The machine was busy when the challenge started (load average ${load.toFixed(1)} on ${cpus} cores): the cluster's requests share the cores with other work, so its speed-up is smaller than on an idle machine.`,
    );
  }
  if (requests > cpus) {
    warnings.push(
      `This machine has ${cpus} CPU cores and the challenge sent ${requests} simultaneous requests: at most ${cpus} loops can run at once, so the speed-up is bounded by the cores (${cpus}), not by the instances (${instances}).`,
    );
  }
  if (instances > cpus) {
    warnings.push(
      `${instances} instances on ${cpus} cores: the extra instances share cores and add no speed to CPU-bound work.`,
    );
  }
  if (cluster.shared_rounds > 0) {
    warnings.push(
      `In ${cluster.shared_rounds} of ${cluster.rounds.length} cluster rounds two requests reached the same instance (round-robin hands out connections, not requests): those requests queued.`,
    );
  }
  return warnings;
}
