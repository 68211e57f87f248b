import { describe, expect, it } from 'vitest';
import { formatProgress } from '../../../src/cli/progress.js';
import type { Progress } from '../../../src/index.js';

const p: Progress = {
  scenario: 'crash-recovery',
  variant: 'cluster',
  variant_index: 1,
  variants: 2,
  phase: 'load',
  elapsed_ms: 3250,
  total_ms: 12000,
  rps: 8412.4,
  errors: 3,
  restarts: 1,
};

describe('formatProgress', () => {
  it('shows where, the phase, elapsed/total, req/s, errors and restarts', () => {
    expect(formatProgress(p)).toBe(
      'crash-recovery › cluster (2/2): load 3.3/12.0 s  8,412 req/s  errors 3  restarts 1',
    );
  });

  it('shows only the phase outside the load', () => {
    expect(formatProgress({ ...p, phase: 'boot' })).toBe('crash-recovery › cluster (2/2): boot');
    expect(formatProgress({ ...p, variant: null, phase: 'floor' })).toBe('crash-recovery: floor');
  });
});
