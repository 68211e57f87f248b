// One variant, phase by phase: free port → ecosystem file → supervisor → ready → warm-up → load +
// prober + resource sampler + fault timeline → stop everything → VariantRecord. Whatever ends it
// (the end of load, Ctrl-C, an error), everything it started is stopped and what was measured is kept.
import { now } from '../clock.js';
import type { FaultContext } from '../faults/index.js';
import { runLoad, startProber, startResourceSampler } from '../load/index.js';
import { SupervisorClient } from '../supervisor/client.js';
import type { Scenario, SupervisorEvent, Variant, VariantRecord } from '../types.js';
import { ecosystemEntry, variantEntry, writeEcosystem } from './ecosystem-file.js';
import { watchLoad } from './load-watch.js';
import type { Phase } from './options.js';
import { freePort } from './port.js';
import { Recorder } from './recorder.js';
import { resolveApps } from './resolve.js';
import { runTimeline } from './timeline.js';

const BUCKET_MS = 100;
const SAMPLE_INTERVAL_MS = 250;
const START_TIMEOUT_MS = 30_000;

/** What a variant needs from its run. */
export interface VariantRun {
  scenario: Scenario;
  variant: Variant;
  /** The run's temporary directory (ecosystem files) and $RESILAB_HOME. */
  dir: string;
  home: string;
  signal: AbortSignal;
  onPhase: (phase: Phase, totalMs: number | null) => void;
  onLoad: (status: { rps: number; errors: number; restarts: number }) => void;
}

/** Runs one variant; never throws: a failure is in `error`, with the record of what was measured. */
export async function runVariant(run: VariantRun): Promise<{ record: VariantRecord; error: unknown }> {
  const { scenario, variant, signal } = run;
  const recorder = new Recorder(BUCKET_MS);
  const port = await freePort();
  const config: VariantRecord['config'] = { variant, apps: [], port };
  let client: SupervisorClient | null = null;
  let error: unknown = null;
  try {
    const base = scenario.app.ecosystem ? await ecosystemEntry(scenario.app.ecosystem) : null;
    const file = await writeEcosystem(run.dir, variant.name, variantEntry(scenario.app, variant, base, port));
    const resolved = await resolveApps(file, run.home);
    config.apps = resolved.apps;
    for (const warning of resolved.warnings) recorder.warn(warning);
    const app = config.apps[0]?.name ?? 'app';
    run.onPhase('boot', null);
    client = await SupervisorClient.start({
      target: file,
      home: run.home,
      onEvent: (event: SupervisorEvent) => recorder.event(event),
      onLog: recorder.log,
      startTimeoutMs: START_TIMEOUT_MS,
    });
    recorder.phases.ready = now();
    recorder.seed(await client.list());
    const url = (path: string) => `http://${scenario.host}:${port}${path}`;
    const { load } = scenario;
    if (load.warmup_ms > 0 && !signal.aborted) {
      run.onPhase('warmup', load.warmup_ms);
      recorder.phases.warmup_start = now();
      await runLoad({
        url: url(load.path),
        spec: load,
        durationMs: load.warmup_ms,
        bucketMs: BUCKET_MS,
        signal,
      });
    }
    if (!signal.aborted) {
      run.onPhase('load', load.duration_ms);
      await loadPhase(recorder, client, app, variant, scenario, url, run);
    }
  } catch (caught) {
    error = caught;
  } finally {
    run.onPhase('stopping', null);
    if (client)
      await client.stop().catch((e: unknown) => recorder.warn(`stopping the supervisor: ${String(e)}`));
    recorder.phases.stopped = now();
  }
  const partial = signal.aborted || error !== null;
  return { record: recorder.record(variant.name, config, partial, error ? messageOf(error) : null), error };
}

/** Load + prober + resource sampler + faults, all started at load start and all stopped at its end. */
async function loadPhase(
  recorder: Recorder,
  client: SupervisorClient,
  app: string,
  variant: Variant,
  scenario: Scenario,
  url: (path: string) => string,
  run: VariantRun,
): Promise<void> {
  const faultsEnd = new AbortController();
  const faultSignal = AbortSignal.any([run.signal, faultsEnd.signal]);
  const sampler = startResourceSampler({
    intervalMs: SAMPLE_INTERVAL_MS,
    targets: () => [
      { role: 'supervisor', instance: null, pid: client.pid },
      ...recorder.instances().map((i) => ({ role: 'instance' as const, instance: i.instance, pid: i.pid })),
      { role: 'loadgen', instance: null, pid: process.pid },
    ],
  });
  const load_start = now();
  recorder.phases.load_start = load_start;
  const prober = scenario.probe
    ? startProber({ url: url(scenario.probe.path), spec: scenario.probe, signal: run.signal })
    : null;
  const context: FaultContext = {
    app,
    exec_mode: variant.exec_mode,
    request: (command) => client.request(command),
    url,
    instances: () => recorder.instances(),
    load_start,
    signal: faultSignal,
    random: Math.random,
  };
  const timeline = runTimeline(scenario.faults, context);
  const watch = watchLoad(recorder, run.onLoad);
  try {
    const result = await runLoad({
      url: url(scenario.load.path),
      spec: scenario.load,
      durationMs: scenario.load.duration_ms,
      bucketMs: BUCKET_MS,
      signal: run.signal,
      onBucket: watch.bucket,
    });
    recorder.loadgen = {
      requests: result.totals.requests,
      errors: result.totals.errors,
      timeouts: result.totals.timeouts,
      non2xx: result.totals.non2xx,
      cpu_pct_mean: result.cpu_pct_mean,
      cpu_saturated: result.cpu_saturated,
    };
    if (recorder.buckets.length === 0) for (const b of result.buckets) recorder.bucket(b);
    if (result.cpu_saturated) recorder.warn(saturationWarning(result.cpu_pct_mean));
  } finally {
    recorder.phases.load_end = now();
    watch.stop();
    faultsEnd.abort();
    recorder.faults.push(...(await timeline));
    if (prober) recorder.probes = await prober.stop();
    recorder.resources = sampler.stop();
  }
}

function saturationWarning(cpu: number | null): string {
  const share = cpu === null ? '' : ` (${Math.round(cpu)} % of a core)`;
  return (
    `the load generator was CPU-saturated${share}: it shares this machine's CPUs with the app, ` +
    'so throughput is a lower bound of what the app can do'
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
