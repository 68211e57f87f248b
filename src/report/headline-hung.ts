// The headline of a scenario whose faults hang a process (freeze, hang): a hung process keeps its
// pid, so only a watchdog or a health check notices it. Per variant: noticed and replaced (after how
// long), or not noticed, with its requests timing out for as long as the hang lasted.
import type { FaultSpec, Results, VariantResult } from '../types.js';
import { formatNumber, variantLabel } from './format.js';

/** True when every fault of the scenario hangs a process without ending it. */
export function onlyHangs(results: Pick<Results, 'scenario'>): boolean {
  const faults = results.scenario.faults;
  return faults.length > 0 && faults.every((f) => f.kind === 'freeze' || f.kind === 'hang');
}

/** How long the hang lasted by itself: a freeze's duration, or a hang that never ends. */
function hangLength(faults: readonly FaultSpec[]): string {
  const freeze = faults.find((f) => f.kind === 'freeze');
  return freeze && freeze.kind === 'freeze' && faults.every((f) => f.kind === 'freeze')
    ? `the whole ${formatNumber(freeze.duration_ms)} ms freeze`
    : 'the rest of the run';
}

/** One clause per variant, watched ones first: the lesson of the hung-process scenario. */
export function hungFinding(results: Results): string {
  const length = hangLength(results.scenario.faults);
  const watched = results.variants.filter((v) => typeof v.metrics.hang_detect_ms === 'number');
  const blind = results.variants.filter((v) => !watched.includes(v));
  const parts = [
    ...watched.map((v) => {
      const up =
        typeof v.metrics.restart_ms === 'number'
          ? `, a replacement was up ${ms(v.metrics.restart_ms)} later`
          : '';
      return `${variantLabel(v)} declared the instance hung after ${ms(v.metrics.hang_detect_ms)}${up} (${failed(v)})`;
    }),
    ...blind.map(
      (v) =>
        `${variantLabel(v)} never noticed: requests on the hung instance waited through ${length} (${failed(v)})`,
    ),
  ];
  return `${parts.join('; ')}.`;
}

function failed(v: VariantResult): string {
  const n = v.metrics.failed_requests;
  return typeof n === 'number'
    ? `${formatNumber(n)} failed request${n === 1 ? '' : 's'}`
    : 'failures not measured';
}

function ms(value: number | null | undefined): string {
  return typeof value === 'number' ? `${formatNumber(value)} ms` : 'never';
}
