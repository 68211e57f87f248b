// The time series the charts draw, per variant, in seconds from load start (every fault's at_ms
// is measured from there too), and the markers for faults and supervisor events on that axis.
import type { FaultRecord, FaultSpec, Results, SupervisorEvent, VariantResult } from '../types.js';

/** A point of a line chart: x in seconds from load start. */
export interface Point {
  x: number;
  y: number | null;
}

/** A vertical line on the time axis: a fault or a supervisor event. */
export interface Marker {
  x: number;
  /** A fault that lasts (freeze, dependency outage, network toxic) is drawn as a window up to here. */
  until?: number;
  label: string;
  kind: 'fault' | 'exit' | 'restart' | 'listening' | 'reload' | 'errored';
}

/** Everything the time charts of one variant need. */
export interface VariantSeries {
  ok_per_s: Point[];
  failed_per_s: Point[];
  refused_per_s: Point[];
  availability_pct: Point[];
  latency_p50: Point[];
  latency_p99: Point[];
  /** Open model only (null in the closed model): arrivals and dropped arrivals per second, service latency p99. */
  offered_per_s: Point[] | null;
  dropped_per_s: Point[] | null;
  service_p99: Point[] | null;
  /** RSS in MiB per instance index, and the supervisor's under the key 'supervisor'. */
  rss_mb: Record<string, Point[]>;
  markers: Marker[];
}

const MiB = 1024 * 1024;
/** Probes are grouped into windows this long to show availability as a share. */
export const AVAILABILITY_WINDOW_MS = 100;

const EVENT_MARKERS: Partial<Record<SupervisorEvent['type'], Marker['kind']>> = {
  exit: 'exit',
  'restart-scheduled': 'restart',
  listening: 'listening',
  ready: 'listening',
  'reload-begin': 'reload',
  'reload-end': 'reload',
  errored: 'errored',
};

/** What the series are drawn from: a variant's timeline, events and faults (finished or still running). */
export type SeriesInput = Pick<VariantResult, 'timeline' | 'events'> & {
  faults: readonly Pick<FaultRecord, 't' | 'kind' | 't_end' | 'spec'>[];
};

/** The series of one variant; time 0 is its load start (or boot when load never started). */
export function variantSeries(variant: SeriesInput): VariantSeries {
  const phases = variant.timeline.phases;
  const zero = phases.load_start ?? phases.boot_start;
  const sec = (t: number) => Math.round(t - zero) / 1000;
  const perSecond = 1000 / Math.max(1, variant.timeline.bucket_ms);
  const buckets = variant.timeline.buckets;
  // The open model's buckets count arrivals (results before it have no such field).
  const open = buckets.some((b) => b.offered !== undefined);
  const rss: Record<string, Point[]> = {};
  for (const sample of variant.timeline.resources) {
    if (sample.role !== 'instance' && sample.role !== 'supervisor') continue;
    const key = sample.role === 'supervisor' ? 'supervisor' : `instance ${sample.instance ?? '?'}`;
    rss[key] ??= [];
    rss[key].push({ x: sec(sample.t), y: Math.round((sample.rss / MiB) * 10) / 10 });
  }
  return {
    ok_per_s: buckets.map((b) => ({ x: sec(b.t_start), y: b.ok_2xx * perSecond })),
    failed_per_s: buckets.map((b) => ({
      x: sec(b.t_start),
      y: (b.non_2xx + b.resets + b.timeouts + b.other_errors) * perSecond,
    })),
    refused_per_s: buckets.map((b) => ({ x: sec(b.t_start), y: b.refused * perSecond })),
    availability_pct: availability(variant, zero).map((p) => ({ x: sec(p.t), y: p.pct })),
    latency_p50: buckets.map((b) => ({ x: sec(b.t_start), y: b.latency?.p50 ?? null })),
    latency_p99: buckets.map((b) => ({ x: sec(b.t_start), y: b.latency?.p99 ?? null })),
    offered_per_s: open ? buckets.map((b) => ({ x: sec(b.t_start), y: (b.offered ?? 0) * perSecond })) : null,
    dropped_per_s: open ? buckets.map((b) => ({ x: sec(b.t_start), y: (b.dropped ?? 0) * perSecond })) : null,
    service_p99: open ? buckets.map((b) => ({ x: sec(b.t_start), y: b.service_latency?.p99 ?? null })) : null,
    rss_mb: rss,
    markers: markers(variant, sec),
  };
}

function availability(variant: SeriesInput, zero: number): { t: number; pct: number }[] {
  const windows = new Map<number, { ok: number; all: number }>();
  for (const probe of variant.timeline.probes) {
    const key = Math.floor((probe.t_start - zero) / AVAILABILITY_WINDOW_MS);
    const w = windows.get(key) ?? { ok: 0, all: 0 };
    w.all += 1;
    if (probe.ok) w.ok += 1;
    windows.set(key, w);
  }
  return [...windows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, w]) => ({
      t: zero + key * AVAILABILITY_WINDOW_MS,
      pct: Math.round((w.ok / w.all) * 1000) / 10,
    }));
}

function markers(variant: SeriesInput, sec: (t: number) => number): Marker[] {
  const found: Marker[] = variant.faults.map((f) => ({
    x: sec(f.t),
    ...(f.t_end !== null && f.t_end > f.t && WINDOWED.has(f.kind) ? { until: sec(f.t_end) } : {}),
    label: faultMarkerLabel(f.spec),
    kind: 'fault',
  }));
  const start = variant.timeline.phases.load_start ?? variant.timeline.phases.boot_start;
  for (const event of variant.events) {
    const kind = EVENT_MARKERS[event.type];
    if (!kind || event.t < start) continue;
    const who = event.instance === null ? '' : ` #${event.instance}`;
    const name = event.type === 'restart-scheduled' ? 'restart' : event.type.replace('-', ' ');
    found.push({ x: sec(event.t), label: `${name}${who}`, kind });
  }
  return found.sort((a, b) => a.x - b.x);
}

/** Faults drawn as a shaded window from start to end (a reload or restart is a line: its end has its own markers). */
const WINDOWED: ReadonlySet<string> = new Set(['freeze', 'leak', 'dependency', 'network']);

/** 'freeze', 'db restart', 'app latency': what a fault marker says. */
function faultMarkerLabel(spec: FaultSpec): string {
  if (spec.kind === 'dependency') return `${spec.name} ${spec.action}`;
  if (spec.kind === 'network') return `${spec.target} ${spec.toxic.toxic}`;
  return spec.kind;
}

/** The series of every variant, keyed by variant name (run order kept). */
export function allSeries(results: Pick<Results, 'variants'>): Map<string, VariantSeries> {
  return new Map(results.variants.map((v) => [v.name, variantSeries(v)]));
}
