// cluster-vs-single and cluster-vs-single-hello, --quick: on the CPU-bound route a second instance
// multiplies throughput; on the trivial route it does not (the primary's hand-off and the load
// generator share the cores). Only single and cluster-2 run: cluster-max is cluster-2 on 2 cores.
//
// Both lessons need an idle second core: when other work saturates the machine's CPUs, every
// process gets a share of them and neither ratio means anything (measured here at load average
// 13 on 2 cores: /cpu single 53 req/s, cluster×2 41 req/s; at load average 3, 89–124 vs 234–249).
// The ratios are asserted when bare processes, measured in the same run, show two loops can run
// at once; everything else is asserted always.
import { afterEach, describe, expect, it } from 'vitest';
import type { VariantResult } from '../../../src/types.js';
import { machineParallelism, PARALLEL } from '../../helpers/parallelism.js';
import { expectNoProcessLeft, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

/** True when two bare loops ran in parallel just now; otherwise says why the ratio is not judged. */
async function coresFree(what: string): Promise<boolean> {
  const parallelism = await machineParallelism();
  if (parallelism > PARALLEL) return true;
  console.log(`${what}: ratio not judged, bare parallelism ${parallelism.toFixed(2)}`);
  return false;
}

/** Every request answered, and in cluster mode both instances did work (CPU sampled on each). */
function servedByAll(v: VariantResult, instances: number): void {
  expect(v.metrics.failed_requests).toBe(0);
  expect(v.metrics.refused_connects).toBe(0);
  expect(v.metrics.throughput_rps ?? 0).toBeGreaterThan(0);
  const busy = new Set(
    v.timeline.resources.filter((s) => s.role === 'instance' && s.cpu_pct > 0).map((s) => s.instance),
  );
  expect(busy.size).toBe(instances);
}

describe('built-in scenario cluster-vs-single', () => {
  it('on /cpu, two cluster instances share the blocking work: more throughput, lower latency', async () => {
    const results = await runBuiltin('cluster-vs-single', {
      factor: 0.2,
      variants: ['single', 'cluster-2'],
      load: { warmup_ms: 0 },
    });
    const single = variant(results, 'single');
    const cluster = variant(results, 'cluster-2');
    servedByAll(single, 1);
    servedByAll(cluster, 2);
    if (!(await coresFree('cluster-vs-single'))) return;
    // 1.9× on a quiet 2-core machine (TARGETS.md); the margin is for noise, not for a busy box.
    expect(cluster.metrics.throughput_rps ?? 0).toBeGreaterThan(1.3 * (single.metrics.throughput_rps ?? 0));
    expect(cluster.metrics.latency_p50_ms ?? Infinity).toBeLessThan(single.metrics.latency_p50_ms ?? 0);
  });
});

describe('built-in scenario cluster-vs-single-hello', () => {
  it('on /, a second instance does not double throughput: the cores are already busy', async () => {
    const results = await runBuiltin('cluster-vs-single-hello', { factor: 0.2, load: { warmup_ms: 0 } });
    const single = variant(results, 'single');
    const cluster = variant(results, 'cluster-2');
    servedByAll(single, 1);
    servedByAll(cluster, 2);
    // a trivial route: more requests per second than the 10-million loop allows on a whole core (~200)
    expect(single.metrics.throughput_rps ?? 0).toBeGreaterThan(500);
    if (!(await coresFree('cluster-vs-single-hello'))) return;
    // TARGETS.md: fork 86k vs cluster×2 60k req/s (0.7×); near 2× would mean the lesson is wrong.
    // 1.6×, not less: a quiet 2-core run of the quick scenario measured 1.36× once (8.2k vs 11.1k).
    expect(cluster.metrics.throughput_rps ?? Infinity).toBeLessThan(
      1.6 * (single.metrics.throughput_rps ?? 0),
    );
  });
});
