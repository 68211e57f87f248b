import { describe, expect, it } from 'vitest';
import { faultWords, headline, thresholdVerdict } from '../../../src/report/headline.js';
import type { Results } from '../../../src/types.js';
import { type FixtureName, fixture } from '../../helpers/results.js';

describe('headline', () => {
  it.each<[FixtureName, string]>([
    [
      'crash-recovery',
      'cluster ×2 kept serving through the crash: 0 ms downtime vs 412 ms for single (fork ×1).',
    ],
    [
      'reload',
      'http-app (cluster ×2) and bare-app (cluster ×2) lost no request during the reloads (reload took 418 ms / 418 ms).',
    ],
    [
      'crash-loop',
      'single (fork ×1) never recovered from the crashing deploy: no successful probe before the end of the run.',
    ],
    [
      'partial',
      'Partial run (interrupted): cluster ×2 kept serving through the crash: 0 ms downtime vs 412 ms for single (fork ×1).',
    ],
  ])('%s', (name, sentence) => {
    expect(headline(fixture(name))).toBe(sentence);
  });

  it('names the fastest when nobody kept serving', () => {
    const results = fixture('crash-recovery');
    const cluster = results.variants[1];
    if (!cluster) throw new Error('fixture');
    cluster.metrics.downtime_ms = 120;
    expect(headline(results)).toBe(
      'cluster ×2 recovered fastest from the crash: 120 ms downtime vs 412 ms for single (fork ×1).',
    );
  });

  it('counts lost requests in a reload', () => {
    const results = fixture('reload');
    const bare = results.variants[1];
    if (!bare) throw new Error('fixture');
    bare.metrics.reload_failed_requests = 57;
    expect(headline(results)).toBe(
      'bare-app (cluster ×2) lost 57 requests during the reloads while http-app (cluster ×2) lost none.',
    );
  });

  it('compares the restart and the reload of each variant when a scenario has both', () => {
    const results = fixture('crash-recovery');
    results.scenario.faults = [
      { kind: 'restart', at_ms: 2000 },
      { kind: 'reload', at_ms: 8000 },
    ];
    const gaps: Record<string, [number, number]> = { single: [216, 199], cluster: [251, 43] };
    for (const v of results.variants) {
      const [restart, reload] = gaps[v.name] ?? [0, 0];
      const base = v.faults[0];
      if (!base) throw new Error('fixture');
      v.faults = [
        { ...base, kind: 'restart', metrics: { ...base.metrics, downtime_ms: restart } },
        { ...base, kind: 'reload', metrics: { ...base.metrics, downtime_ms: reload } },
      ];
    }
    expect(headline(results)).toBe(
      'single (fork ×1) was down during both (restart 216 ms, reload 199 ms): in fork mode a reload is a restart; ' +
        "cluster ×2's reload kept serving (longest gap 43 ms) where its restart was down for 251 ms.",
    );
  });

  it('compares throughput when there is no fault', () => {
    const results: Results = fixture('crash-recovery');
    results.scenario.faults = [];
    expect(headline(results)).toMatch(
      /^single \(fork ×1\) served 1\.1\d× the throughput of cluster ×2: 8,403 vs 7,540 req\/s\.$/,
    );
  });

  it('words several fault kinds', () => {
    const results = fixture('reload');
    results.scenario.faults = [
      { kind: 'crash', at_ms: 1, via: 'signal', signal: 'SIGKILL', instance: 0 },
      { kind: 'reload', at_ms: 2 },
      { kind: 'cpu', at_ms: 3, path: '/cpu', concurrent: 2, loops: 1 },
    ];
    expect(faultWords(results)).toBe('the crash, the reload and the CPU-blocking requests');
  });
});

describe('thresholdVerdict', () => {
  it.each<[FixtureName, string]>([
    ['crash-recovery', 'all 4 thresholds passed'],
    ['crash-loop', '1 of 2 thresholds failed'],
  ])('%s: %s', (name, verdict) => {
    expect(thresholdVerdict(fixture(name))).toBe(verdict);
  });

  it('says when there are none', () => {
    expect(thresholdVerdict({ thresholds: [] })).toBe('no thresholds');
  });
});

describe('headline of a hang (freeze, hang)', () => {
  /** The crash-recovery fixture turned into a 4 s freeze; variant 1 (cluster) had the watchdog on. */
  function frozen(kind: 'freeze' | 'hang') {
    const results = fixture('crash-recovery');
    results.scenario.faults =
      kind === 'freeze'
        ? [{ kind, at_ms: 3000, duration_ms: 4000, instance: 0 }]
        : [{ kind, at_ms: 3000, path: '/hang' }];
    const [single, cluster] = results.variants;
    if (!single || !cluster) throw new Error('fixture');
    Object.assign(single.metrics, { hang_detect_ms: null, failed_requests: 40 });
    Object.assign(cluster.metrics, { hang_detect_ms: 1012, restart_ms: 230, failed_requests: 9 });
    return results;
  }

  it('says who noticed, after how long, and who never did (through the whole freeze)', () => {
    expect(headline(frozen('freeze'))).toBe(
      'cluster ×2 declared the instance hung after 1,012 ms, a replacement was up 230 ms later (9 failed requests); single (fork ×1) never noticed: requests on the hung instance waited through the whole 4,000 ms freeze (40 failed requests).',
    );
  });

  it('a hang never ends by itself: "the rest of the run"', () => {
    expect(headline(frozen('hang'))).toContain('waited through the rest of the run');
  });
});
