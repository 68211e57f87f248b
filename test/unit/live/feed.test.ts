// The live feed sends the report's time charts once, then only what changed: new points from the
// first one that differs, markers when a fault or event arrives, a whole chart when its datasets
// change; a page that connects late gets everything in its snapshot.
import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../../src/live/diff.js';
import { LiveFeed } from '../../../src/live/feed.js';
import type { LiveMessage } from '../../../src/live/messages.js';
import type { LoadBucket, Variant } from '../../../src/types.js';

const T0 = 1_000_000;
const variant: Variant = {
  name: 'cluster',
  exec_mode: 'cluster',
  instances: 2,
  supervisor: {},
  script: null,
  env: {},
};

function bucket(i: number, ok = 50): LoadBucket {
  return {
    t_start: T0 + i * 100,
    t_end: T0 + (i + 1) * 100,
    ok_2xx: ok,
    non_2xx: 0,
    resets: 0,
    refused: 0,
    timeouts: 0,
    other_errors: 0,
    latency: { count: ok, p50: 2, p90: 3, p99: 4, max: 5 },
  };
}

function feedWithLog() {
  const feed = new LiveFeed();
  const log: LiveMessage[] = [];
  feed.subscribe((m) => log.push(m));
  feed.push({ type: 'variant', scenario: 'demo', variant, port: 1, bucket_ms: 100, t: T0 - 500 });
  feed.push({ type: 'phase', phase: 'load', total_ms: 2000, t: T0 });
  feed.push({ type: 'load-start', t: T0 });
  return { feed, log };
}

describe('firstDifference', () => {
  it('is null for equal lists, else the first index that differs or where one ends', () => {
    const p = (x: number, y: number | null) => ({ x, y });
    expect(firstDifference([p(0, 1)], [p(0, 1)])).toBeNull();
    expect(firstDifference([p(0, 1), p(1, 2)], [p(0, 1), p(1, 3)])).toBe(1);
    expect(firstDifference([p(0, 1)], [p(0, 1), p(1, 2)])).toBe(1);
    expect(firstDifference([], [p(0, 1)])).toBe(0);
  });
});

describe('LiveFeed', () => {
  it('sends the five time charts once, then only new points, and markers as they happen', () => {
    const { feed, log } = feedWithLog();
    for (let i = 0; i < 3; i++) feed.push({ type: 'bucket', bucket: bucket(i) });
    feed.close();
    const charts = log.filter((m) => m.type === 'chart');
    expect(charts.map((m) => m.type === 'chart' && m.spec.name)).toEqual(
      ['throughput', 'failures', 'availability', 'latency', 'rss'].map((n) => `v1-${n}`),
    );
    expect(log).toContainEqual({ type: 'range', section: 'v1', min: 0, max: 2 });

    log.length = 0;
    feed.push({ type: 'bucket', bucket: bucket(3, 70) });
    feed.push({
      type: 'fault',
      spec: { kind: 'kill', at_ms: 350, signal: 'SIGKILL', instance: 0 },
      t: T0 + 350,
    });
    feed.close();
    expect(log.some((m) => m.type === 'chart')).toBe(false);
    expect(log).toContainEqual({
      type: 'points',
      chart: 'v1-throughput',
      dataset: 0,
      from: 3,
      points: [{ x: 0.3, y: 700 }],
    });
    const markers = log.filter((m) => m.type === 'markers');
    expect(markers).toHaveLength(5);
    expect(markers[0]).toMatchObject({ markers: [{ x: 0.35, label: 'kill', kind: 'fault' }] });

    // Nothing new, nothing sent.
    log.length = 0;
    feed.close();
    expect(log).toEqual([]);
  });

  it('resends a chart whose datasets changed, and gives a late page everything in its snapshot', () => {
    const { feed, log } = feedWithLog();
    feed.push({ type: 'bucket', bucket: bucket(0) });
    feed.close();
    log.length = 0;
    feed.push({
      type: 'resources',
      samples: [{ t: T0 + 50, role: 'instance', instance: 0, pid: 9, rss: 50 * 1024 * 1024, cpu_pct: 1 }],
    });
    feed.close();
    expect(log.map((m) => m.type)).toEqual(['chart']);
    const snapshot = feed.snapshot();
    expect(snapshot[0]).toEqual({ type: 'status', text: 'demo · cluster ×2 · load' });
    expect(snapshot.filter((m) => m.type === 'chart')).toHaveLength(5);
    const rss = snapshot.find((m) => m.type === 'chart' && m.spec.name === 'v1-rss');
    expect(JSON.stringify(rss)).toContain('"label":"instance 0"');
    feed.push({ type: 'end', partial: true, t: T0 + 3000 });
    expect(feed.snapshot().at(-1)).toEqual({ type: 'end', text: 'run interrupted: partial results' });
  });
});
