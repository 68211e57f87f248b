// The verdict of a dependency outage (db-outage): which variants stayed down after the dependency
// was back because the supervisor gave up (errored) during the outage, and how soon the others
// served again once it was back, restarts or not.
import type { Results, VariantResult } from '../types.js';
import { formatNumber, variantLabel } from './format.js';

/** One sentence for a run whose faults include a dependency restart/start, or null when it does not apply. */
export function dependencyFinding(results: Results): string | null {
  const fault = results.scenario.faults.find((f) => f.kind === 'dependency' && f.action !== 'stop');
  if (fault?.kind !== 'dependency') return null;
  const name = `"${fault.name}"`;
  const variants = results.variants;
  const stuck = variants.filter(
    (v) => (v.metrics.errored ?? 0) > 0 && v.metrics.dependency_recovery_ms === null,
  );
  const back = variants.filter((v) => typeof v.metrics.dependency_recovery_ms === 'number');
  if (stuck.length === 0 && back.length === 0) return null;
  const backText = back.map((v) => `${variantLabel(v)} served again ${after(v)}${restartsOf(v)}`);
  if (stuck.length === 0) return `Every variant served again after ${name} was back: ${backText.join('; ')}.`;
  const names = stuck.map(variantLabel).join(' and ');
  const rest = backText.length > 0 ? `; ${backText.join('; ')}` : '';
  return (
    `${names} stayed down after ${name} was back: the crash loop used up its restarts while it was down ` +
    `(errored)${rest}.`
  );
}

function after(v: VariantResult): string {
  return `${formatNumber(v.metrics.dependency_recovery_ms as number)} ms after it`;
}

function restartsOf(v: VariantResult): string {
  const n = v.metrics.restarts ?? 0;
  return n === 0 ? ' with no restart' : ` (${formatNumber(n)} restart${n === 1 ? '' : 's'})`;
}
