// Everything a reader must know before trusting the figures: partial runs, warnings (saturated
// load generator, …) and per-metric flags (tainted latency, no recovery). Every report lists them.
import type { Results } from '../types.js';

/** The banner of an interrupted run, or null for a complete one. */
export function partialBanner(results: Pick<Results, 'partial' | 'variants'>): string | null {
  const partialVariants = results.variants.filter((v) => v.partial).map((v) => v.name);
  if (!results.partial && partialVariants.length === 0) return null;
  const which = partialVariants.length > 0 ? ` (variants cut short: ${partialVariants.join(', ')})` : '';
  return `PARTIAL RUN: interrupted before the end${which}; the figures cover only what was measured.`;
}

/** One line per warning and per flag, prefixed with its variant ('single: latency_p99_ms: …'). */
export function notes(results: Pick<Results, 'variants'>): string[] {
  const lines: string[] = [];
  for (const variant of results.variants) {
    for (const warning of variant.warnings) lines.push(`${variant.name}: ${warning}`);
    if (variant.error) lines.push(`${variant.name}: error: ${variant.error}`);
    if (variant.loadgen?.cpu_saturated && !variant.warnings.some((w) => /saturat/i.test(w))) {
      lines.push(`${variant.name}: the load generator was CPU-saturated: throughput is a lower bound`);
    }
    // A figure that only the other load model measures is not a warning: the table says "n/a".
    for (const flag of variant.flags.filter((f) => f.code !== 'closed_model'))
      lines.push(`${variant.name}: ${flag.metric} [${flag.code}]: ${flag.message}`);
  }
  return lines;
}

/** The environment in one line ('Node v20.20.2, linux x64, 2 × Intel Xeon, 7.8 GiB, resilab 0.1.0'). */
export function environmentLine(results: Pick<Results, 'environment'>): string {
  const e = results.environment;
  const gib = (e.total_memory / 1024 ** 3).toFixed(1);
  return `Node ${e.node}, ${e.platform} ${e.arch} (${e.os_release}), ${e.cpus} × ${e.cpu_model}, ${gib} GiB, resilab ${e.resilab}`;
}
