// One variant as it runs, rebuilt from LiveEvents into what the report's series builder reads:
// the live charts are the report's charts drawn from a record that is still growing.
import type { SeriesInput } from '../report/series.js';
import type { EpochMs, FaultKind, FaultSpec, LiveEvent, VariantResult } from '../types.js';

type VariantStart = Extract<LiveEvent, { type: 'variant' }>;

/** A variant's data so far, in the shape timeCharts() takes. */
export type LiveVariant = SeriesInput &
  Pick<VariantResult, 'name' | 'config'> & {
    faults: { t: EpochMs; kind: FaultKind; t_end: EpochMs | null; spec: FaultSpec }[];
  };

/** An empty variant, as it starts. */
export function startVariant(start: VariantStart): LiveVariant {
  return {
    name: start.variant.name,
    config: { variant: start.variant, apps: [], port: start.port },
    timeline: {
      phases: {
        boot_start: start.t,
        ready: null,
        warmup_start: null,
        load_start: null,
        load_end: null,
        stopped: null,
      },
      bucket_ms: start.bucket_ms,
      buckets: [],
      probes: [],
      resources: [],
    },
    events: [],
    faults: [],
  };
}

/** Adds one event to the variant; true when the charts may have changed. */
export function applyEvent(v: LiveVariant, event: LiveEvent): boolean {
  switch (event.type) {
    case 'load-start':
      v.timeline.phases.load_start = event.t;
      return true;
    case 'bucket':
      v.timeline.buckets.push(event.bucket);
      return true;
    case 'probe':
      v.timeline.probes.push(event.sample);
      return true;
    case 'resources':
      v.timeline.resources.push(...event.samples);
      return true;
    case 'event':
      v.events.push(event.event);
      return true;
    case 'fault':
      v.faults.push({ t: event.t, kind: event.spec.kind, t_end: null, spec: event.spec });
      return true;
    default:
      return false;
  }
}
