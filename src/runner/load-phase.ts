// The measured phase of a variant: load, prober, resource sampler and the fault timeline, started
// together and stopped together. Time 0 of the faults is when the load generator really started
// (its first bucket), not when it was asked to: a worker thread can take a second to start on a
// busy machine, and a fault at 1 s must come after 1 s of load.
import { now } from '../clock.js';
import { LabError } from '../errors.js';
import type { FaultContext, ToxicTarget } from '../faults/index.js';
import { runLoad, startProber, startResourceSampler } from '../load/index.js';
import type { FaultRecord, LoadBucket, Scenario, Variant } from '../types.js';
import { watchLoad } from './load-watch.js';
import type { Manager } from './managers/manager.js';
import type { Recorder } from './recorder.js';
import { runTimeline } from './timeline.js';
import type { VariantRun } from './variant-run.js';
import { watchPid } from './watch-pid.js';

/** The load buckets' width (DESIGN.md: 100 ms). */
export const BUCKET_MS = 100;
const SAMPLE_INTERVAL_MS = 250;
/** After the load, how long a supervisor command in flight (a reload) may take to reply before it is abandoned. */
export const COMMAND_GRACE_MS = 15_000;

/** What the load phase works with. */
export interface LoadPhase {
  recorder: Recorder;
  manager: Manager;
  app: string;
  variant: Variant;
  scenario: Scenario;
  url: (path: string) => string;
  run: VariantRun;
  /** The proxy in front of a dependency or the app ('app'), for `network` faults. */
  proxy: (target: string) => ToxicTarget | undefined;
}

/** Runs the load with everything that goes with it; whatever ends it, everything is stopped. */
export async function loadPhase(p: LoadPhase): Promise<void> {
  const { recorder, manager, scenario, run } = p;
  const faultsEnd = new AbortController();
  const commandsEnd = new AbortController();
  // The load ends early when the run stops or the supervisor dies; the latter is this variant's error.
  const failed = new AbortController();
  const signal = AbortSignal.any([run.signal, failed.signal]);
  const supervisor = manager.pid;
  const unwatch =
    supervisor === null
      ? () => {}
      : watchPid(supervisor, () =>
          failed.abort(
            new LabError('RESILAB_E_SUPERVISOR', `the supervisor (pid ${supervisor}) exited during the load`),
          ),
        );
  const sampler = startResourceSampler({
    intervalMs: SAMPLE_INTERVAL_MS,
    targets: () => [
      ...(supervisor === null ? [] : [{ role: 'supervisor' as const, instance: null, pid: supervisor }]),
      ...recorder.instances().map((i) => ({ role: 'instance' as const, instance: i.instance, pid: i.pid })),
      { role: 'loadgen', instance: null, pid: process.pid },
    ],
  });
  const live = run.live;
  const prober = scenario.probe
    ? startProber({
        url: p.url(scenario.probe.path),
        spec: scenario.probe,
        signal,
        onSample: live && ((sample) => live({ type: 'probe', sample })),
      })
    : null;
  let timeline: Promise<FaultRecord[]> = Promise.resolve([]);
  const started = (t: number) => {
    recorder.phases.load_start = t;
    run.onPhase('load', scenario.load.duration_ms);
    live?.({ type: 'load-start', t });
    timeline = runTimeline(
      scenario.faults,
      {
        ...faultContext(p, t),
        signal: AbortSignal.any([signal, faultsEnd.signal]),
        stop: AbortSignal.any([signal, commandsEnd.signal]),
      },
      live && ((spec, at) => live({ type: 'fault', spec, t: at })),
    );
  };
  const watch = watchLoad(recorder, run.onLoad, started);
  // The live view hears each bucket with the resource samples taken since the one before.
  let resourcesSent = 0;
  const onBucket = !live
    ? watch.bucket
    : (bucket: LoadBucket) => {
        watch.bucket(bucket);
        live({ type: 'bucket', bucket });
        const samples = sampler.samples();
        if (samples.length > resourcesSent) {
          live({ type: 'resources', samples: samples.slice(resourcesSent) });
          resourcesSent = samples.length;
        }
      };
  try {
    const result = await runLoad({
      url: p.url(scenario.load.path),
      spec: scenario.load,
      durationMs: scenario.load.duration_ms,
      bucketMs: BUCKET_MS,
      signal,
      onBucket,
    });
    recorder.phases.load_end = result.t_end;
    recorder.loadgen = {
      requests: result.totals.requests,
      errors: result.totals.errors,
      timeouts: result.totals.timeouts,
      non2xx: result.totals.non2xx,
      cpu_pct_mean: result.cpu_pct_mean,
      cpu_saturated: result.cpu_saturated,
      ...(result.totals.dropped === undefined ? {} : { dropped: result.totals.dropped }),
      ...(result.totals.lateness_p99_ms === undefined
        ? {}
        : { lateness_p99_ms: result.totals.lateness_p99_ms }),
    };
    for (const warning of result.warnings) recorder.warn(warning);
    if (result.cpu_saturated) recorder.warn(saturationWarning(result.cpu_pct_mean));
  } finally {
    unwatch();
    recorder.phases.load_end ??= now();
    watch.stop();
    faultsEnd.abort();
    const grace = setTimeout(() => commandsEnd.abort(), COMMAND_GRACE_MS);
    keepFaults(recorder, await timeline);
    clearTimeout(grace);
    if (prober) recorder.probes = await prober.stop();
    recorder.resources = sampler.stop();
  }
  if (failed.signal.aborted && !run.signal.aborted) throw failed.signal.reason;
}

const COMMANDS: ReadonlySet<FaultRecord['kind']> = new Set(['reload', 'restart', 'scale', 'boot-crash']);

/** Records the faults, with a warning for each that failed, outlasted the load or whose reload failed. */
function keepFaults(recorder: Recorder, faults: FaultRecord[]): void {
  const loadEnd = recorder.phases.load_end ?? Number.POSITIVE_INFINITY;
  for (const f of faults) {
    recorder.faults.push(f);
    const at = `${f.kind} at ${Math.round(f.at_ms)} ms`;
    if (!f.ok) recorder.warn(`${at}: ${f.error}`);
    else if (COMMANDS.has(f.kind) && f.t_end !== null && f.t_end > loadEnd)
      recorder.warn(`${at} outlasted the load: make the load longer to measure all of it`);
  }
  // The supervisor keeps the old instances when a reload's new ones never come up: say so.
  for (const e of recorder.events) {
    if (e.type === 'reload-end' && !e.ok)
      recorder.warn(`a reload failed and kept the old instances: ${e.error}`);
  }
}

function faultContext(p: LoadPhase, load_start: number): Omit<FaultContext, 'signal' | 'stop'> {
  return {
    app: p.app,
    exec_mode: p.variant.exec_mode,
    command: (command) => p.manager.command(command),
    url: p.url,
    instances: () => p.recorder.instances(),
    load_start,
    dependency: (name) => p.run.dependencies?.handle(name),
    proxy: p.proxy,
    random: Math.random,
  };
}

function saturationWarning(cpu: number | null): string {
  const share = cpu === null ? '' : ` (${Math.round(cpu)} % of a core)`;
  return (
    `the load generator was CPU-saturated${share}: it shares this machine's CPUs with the app, ` +
    'so throughput is a lower bound of what the app can do'
  );
}
