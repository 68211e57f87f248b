// RunRecord → Results: every variant's figures, so any report re-renders from results.json alone.
// Thresholds are evaluated apart (src/metrics/thresholds.ts) and start empty here.
import type { Results, RunRecord } from '../types.js';
import { computeVariant } from './variant.js';

/** The record with every figure computed; `thresholds` is filled by the threshold evaluation. */
export function computeResults(record: RunRecord): Omit<Results, 'thresholds'> & { thresholds: [] } {
  const variants = record.variants.map((variant) =>
    computeVariant(record.partial ? { ...variant, partial: true } : variant, {
      floor: record.floor,
      model: record.scenario.load.model,
    }),
  );
  return { ...record, variants, thresholds: [] };
}
