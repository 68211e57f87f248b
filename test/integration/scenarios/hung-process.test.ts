// hung-process, --quick, its two cluster variants: one instance frozen (SIGSTOP). Watchdog off: the
// requests it holds wait until they time out while the other instance keeps answering, and nothing
// notices (no exit, no restart). Watchdog on: hung within the timeout, replaced (the new one first),
// and its SIGCONT, should the kill come first, is not an error.
import { afterEach, describe, expect, it } from 'vitest';
import { bucketsIn, sum } from '../../../src/metrics/spans.js';
import { headline } from '../../../src/report/headline.js';
import { expectNoProcessLeft, fault, runBuiltin, variant } from './builtin.js';

afterEach(expectNoProcessLeft);

describe('built-in scenario hung-process', () => {
  it('off: the frozen instance times requests out and nothing restarts; on: hung, replaced, served again', async () => {
    const results = await runBuiltin('hung-process', {
      factor: 0.4,
      variants: ['cluster', 'cluster-watchdog'],
      // the quick run watches 1 s after the freeze; a replacement's boot on a busy box needs more
      load: { warmup_ms: 0, duration_ms: 5000 },
    });
    const cluster = variant(results, 'cluster');
    const freeze = fault(cluster, 'freeze');
    expect(freeze.ok, freeze.error ?? '').toBe(true);
    expect(freeze.targets).toHaveLength(1);
    const frozen = freeze.targets[0]?.pid;
    const window = { start: freeze.t, end: freeze.t_end ?? freeze.t };
    expect(window.end - window.start).toBeGreaterThanOrEqual(1500);

    // the requests on the frozen instance's connections waited for the load timeout (1 s)
    const during = sum(bucketsIn(cluster.timeline.buckets, { start: window.start, end: window.end + 500 }));
    expect(during.timeouts).toBeGreaterThan(0);
    // …while the other instance answered, to the load and to fresh-connection probes
    expect(during.ok_2xx).toBeGreaterThan(0);
    const probes = cluster.timeline.probes.filter((p) => p.t_start >= window.start && p.t_end <= window.end);
    const answered = probes.filter((p) => p.ok);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((p) => p.pid === frozen)).toEqual([]);
    // no health check: the hung process was neither killed nor restarted
    expect(cluster.metrics.restarts).toBe(0);
    expect(cluster.metrics.hang_detect_ms).toBeNull();
    expect(
      cluster.events.filter((e) => e.type === 'exit' && e.t < (cluster.timeline.phases.load_end ?? 0)),
    ).toEqual([]);

    // watchdog on: the same freeze is noticed, the instance replaced before the freeze would end
    const watched = variant(results, 'cluster-watchdog');
    const frozenToo = fault(watched, 'freeze');
    expect(frozenToo.ok, frozenToo.error ?? '').toBe(true); // SIGCONT to a killed pid is not an error
    const victim = frozenToo.targets[0]?.pid;
    const hung = watched.events.find((e) => e.type === 'hung');
    expect(hung).toMatchObject({ pid: victim, action: 'replace', timeout_ms: 1000 });
    expect(hung?.t).toBeLessThan(frozenToo.t_end ?? 0); // noticed while frozen
    // out of rotation at once; it ends (SIGKILL once the replacement is up, or, when the freeze ended
    // first, by itself: the disconnect it could not read while frozen)
    expect(watched.events.some((e) => e.type === 'exit' && e.pid === victim)).toBe(true);
    expect(watched.metrics.restarts).toBe(1);
    expect(watched.metrics.hang_detect_ms).toBeGreaterThanOrEqual(900);
    expect(watched.metrics.restart_ms).not.toBeNull();
    // after the replacement, probes are answered by the new pid too
    const fresh = watched.events.find((e) => e.type === 'listening' && e.t > (hung?.t ?? 0))?.pid;
    expect(watched.timeline.probes.some((p) => p.ok && p.pid === fresh)).toBe(true);
    // the headline tells both stories
    const sentence = headline(results);
    expect(sentence).toMatch(/cluster-watchdog.*declared the instance hung after/);
    expect(sentence).toMatch(/never noticed/);
  });
});
