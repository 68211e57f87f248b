// The verdict in one sentence, for the top of every report and the terminal: what happened to
// service during the faults, variant against variant, in words a classroom reads at a glance.
import type { FaultKind, Results, VariantResult } from '../types.js';
import { formatNumber, variantLabel } from './format.js';
import { dependencyFinding } from './headline-dependency.js';
import { hungFinding, onlyHangs } from './headline-hung.js';

const FAULT_WORDS: Record<FaultKind, string> = {
  crash: 'the crash',
  kill: 'the kill',
  freeze: 'the freeze',
  hang: 'the hang',
  leak: 'the memory leak',
  cpu: 'the CPU-blocking requests',
  reload: 'the reload',
  restart: 'the restart',
  scale: 'the scaling',
  'boot-crash': 'the crashing deploy',
  dependency: 'the dependency outage',
  network: 'the network fault',
};

/** 'the crash', 'the reloads', 'the crash and the reload': the faults of a scenario in words. */
export function faultWords(results: Pick<Results, 'scenario'>): string {
  const kinds = results.scenario.faults.map((f) => f.kind);
  const unique = [...new Set(kinds)];
  const words = unique.map((kind) => {
    const word = FAULT_WORDS[kind];
    const many = kinds.filter((k) => k === kind).length > 1;
    return many && kind !== 'cpu' && kind !== 'scale' ? `${word}s` : word;
  });
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? 'the run');
}

/** One sentence: who kept serving, who did not recover, and by how much; prefixed when partial. */
export function headline(results: Results): string {
  const sentence = finding(results);
  return results.partial ? `Partial run (interrupted): ${sentence}` : sentence;
}

function finding(results: Results): string {
  const variants = results.variants;
  if (variants.length === 0) return `${results.scenario.name}: no variant was measured.`;
  if (results.scenario.faults.length === 0) return throughputFinding(variants);
  if (onlyHangs(results)) return hungFinding(results);
  const faults = faultWords(results);
  const outage = dependencyFinding(results);
  if (outage) return outage;
  const lost = variants.filter(
    (v) => v.metrics.downtime_ms === null && v.flags.some((f) => f.code === 'no_recovery'),
  );
  if (lost.length > 0) {
    const names = lost.map(variantLabel).join(' and ');
    const others = variants.filter((v) => !lost.includes(v) && typeof v.metrics.downtime_ms === 'number');
    const rest =
      others.length > 0
        ? `; ${others.map((v) => `${variantLabel(v)} was back after ${ms(v.metrics.downtime_ms)}`).join(', ')}`
        : '';
    return `${names} never recovered from ${faults}: no successful probe before the end of the run${rest}.`;
  }
  const kinds = new Set(results.scenario.faults.map((f) => f.kind));
  if (kinds.has('restart') && kinds.has('reload')) {
    const compared = restartVsReload(variants);
    if (compared) return compared;
  }
  if (
    // only when every fault is a reload: a kill or crash beside it has failures of its own
    results.scenario.faults.every((f) => f.kind === 'reload') &&
    variants.every((v) => v.metrics.reload_failed_requests !== null)
  ) {
    return reloadFinding(variants, faults);
  }
  const measured = variants.filter((v) => typeof v.metrics.downtime_ms === 'number');
  if (measured.length === 0)
    return `${variants.map(variantLabel).join(' and ')}: downtime after ${faults} was not measured.`;
  const sorted = [...measured].sort(
    (a, b) => (a.metrics.downtime_ms as number) - (b.metrics.downtime_ms as number),
  );
  const best = sorted[0] as VariantResult;
  const worst = sorted.at(-1) as VariantResult;
  const against = worst === best ? '' : ` vs ${ms(worst.metrics.downtime_ms)} for ${variantLabel(worst)}`;
  if (best.metrics.downtime_ms === 0) {
    return `${variantLabel(best)} kept serving through ${faults}: 0 ms downtime${against}.`;
  }
  if (worst === best)
    return `${variantLabel(best)} was down for ${ms(best.metrics.downtime_ms)} after ${faults}.`;
  return `${variantLabel(best)} recovered fastest from ${faults}: ${ms(best.metrics.downtime_ms)} downtime${against}.`;
}

/**
 * A scenario with a restart and a reload: per variant, the longest gap of each (its fault window's
 * downtime). The lesson: a cluster's rolling reload keeps serving where a restart goes dark; in
 * fork mode a reload is a restart.
 */
function restartVsReload(variants: VariantResult[]): string | null {
  const parts: string[] = [];
  for (const v of variants) {
    const restart = v.faults.find((f) => f.kind === 'restart')?.metrics.downtime_ms;
    const reload = v.faults.find((f) => f.kind === 'reload')?.metrics.downtime_ms;
    if (typeof restart !== 'number' || typeof reload !== 'number') return null;
    const label = variantLabel(v);
    if (reload < restart / 2) {
      parts.push(
        `${label}'s reload kept serving (longest gap ${ms(reload)}) where its restart was down for ${ms(restart)}`,
      );
    } else {
      const why = v.config.variant.exec_mode === 'fork' ? ': in fork mode a reload is a restart' : '';
      parts.push(`${label} was down during both (restart ${ms(restart)}, reload ${ms(reload)})${why}`);
    }
  }
  return parts.length > 0 ? `${parts.join('; ')}.` : null;
}

function reloadFinding(variants: VariantResult[], faults: string): string {
  const clean = variants.filter((v) => v.metrics.reload_failed_requests === 0);
  const lossy = variants.filter((v) => (v.metrics.reload_failed_requests ?? 0) > 0);
  const lossText = lossy.map(
    (v) => `${variantLabel(v)} lost ${formatNumber(v.metrics.reload_failed_requests ?? 0)}`,
  );
  if (lossy.length === 0) {
    const took = variants.map((v) => ms(v.metrics.reload_ms)).join(' / ');
    return `${variants.map(variantLabel).join(' and ')} lost no request during ${faults} (reload took ${took}).`;
  }
  const cleanText = clean.length > 0 ? ` while ${clean.map(variantLabel).join(' and ')} lost none` : '';
  return `${lossText.join(' and ')} requests during ${faults}${cleanText}.`;
}

function throughputFinding(variants: VariantResult[]): string {
  const measured = variants.filter((v) => typeof v.metrics.throughput_rps === 'number');
  if (measured.length === 0)
    return `${variants.map(variantLabel).join(' and ')}: throughput was not measured.`;
  const sorted = [...measured].sort(
    (a, b) => (b.metrics.throughput_rps as number) - (a.metrics.throughput_rps as number),
  );
  const best = sorted[0] as VariantResult;
  const worst = sorted.at(-1) as VariantResult;
  const top = best.metrics.throughput_rps as number;
  const low = worst.metrics.throughput_rps as number;
  if (best === worst) return `${variantLabel(best)} served ${formatNumber(top)} req/s.`;
  const ratio = low > 0 ? `${(top / low).toFixed(2)}× the throughput of` : 'more than';
  return `${variantLabel(best)} served ${ratio} ${variantLabel(worst)}: ${formatNumber(top)} vs ${formatNumber(low)} req/s.`;
}

function ms(value: number | null | undefined): string {
  return typeof value === 'number' ? `${formatNumber(value)} ms` : 'never';
}

/** 'all 4 thresholds passed' / '1 of 3 thresholds failed' / 'no thresholds': the exit-code verdict. */
export function thresholdVerdict(results: Pick<Results, 'thresholds'>): string {
  const total = results.thresholds.length;
  if (total === 0) return 'no thresholds';
  const failed = results.thresholds.filter((t) => !t.pass).length;
  return failed === 0 ? `all ${total} thresholds passed` : `${failed} of ${total} thresholds failed`;
}
