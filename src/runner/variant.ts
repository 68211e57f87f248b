// One variant, phase by phase: free port → ecosystem file → supervisor (a Manager) → ready → warm-up → load +
// prober + resource sampler + fault timeline → stop everything → VariantRecord. Whatever ends it
// (the end of load, Ctrl-C, an error), everything it started is stopped and what was measured is kept.
import { now } from '../clock.js';
import { runLoad } from '../load/index.js';
import { TcpProxy } from '../proxy/index.js';
import type { SupervisorEvent, VariantRecord } from '../types.js';
import { ecosystemEntry, variantEntry, writeEcosystem } from './ecosystem-file.js';
import { BUCKET_MS, loadPhase } from './load-phase.js';
import { MANAGERS } from './managers/index.js';
import type { Manager } from './managers/manager.js';
import { freePort } from './port.js';
import { Recorder } from './recorder.js';
import { resolveApps } from './resolve.js';
import type { VariantRun } from './variant-run.js';

export type { VariantRun } from './variant-run.js';

const START_TIMEOUT_MS = 30_000;

/** Runs one variant; never throws: a failure is in `error`, with the record of what was measured. */
export async function runVariant(run: VariantRun): Promise<{ record: VariantRecord; error: unknown }> {
  const { scenario, variant, signal } = run;
  const recorder = new Recorder(BUCKET_MS);
  const port = await freePort();
  const config: VariantRecord['config'] = { variant, apps: [], port };
  let manager: Manager | null = null;
  let appProxy: TcpProxy | null = null;
  let error: unknown = null;
  run.live?.({ type: 'variant', scenario: scenario.name, variant, port, bucket_ms: BUCKET_MS, t: now() });
  try {
    await run.dependencies?.reset(signal);
    const base = scenario.app.ecosystem ? await ecosystemEntry(scenario.app.ecosystem) : null;
    const file = await writeEcosystem(
      run.dir,
      variant.name,
      variantEntry(scenario.app, variant, base, port, run.dependencies?.env),
    );
    const resolved = await resolveApps(file, run.home);
    config.apps = resolved.apps;
    for (const warning of resolved.warnings) recorder.warn(warning);
    const app = config.apps[0]?.name ?? 'app';
    run.onPhase('boot', null);
    manager = await (run.startManager ?? MANAGERS[variant.manager ?? 'resilab'])({
      target: file,
      home: run.home,
      onEvent: (event: SupervisorEvent) => {
        recorder.event(event);
        run.live?.({ type: 'event', event });
      },
      onLog: recorder.log,
      startTimeoutMs: START_TIMEOUT_MS,
    });
    recorder.phases.ready = now();
    recorder.seed(await manager.list());
    // localhost may resolve to ::1 while the app listens on 127.0.0.1 (TARGETS.md): never use it.
    const host = scenario.host.toLowerCase() === 'localhost' ? '127.0.0.1' : scenario.host;
    // `network: { target: app }`: the load and the prober reach the app through resilab's proxy.
    if (scenario.faults.some((f) => f.kind === 'network' && f.target === 'app'))
      appProxy = await TcpProxy.start({ upstreamPort: port });
    const url = (path: string) => `http://${host}:${appProxy?.port ?? port}${path}`;
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
    const proxy = (target: string) =>
      target === 'app' ? (appProxy ?? undefined) : run.dependencies?.proxy(target);
    if (!signal.aborted) await loadPhase({ recorder, manager, app, variant, scenario, url, run, proxy });
  } catch (caught) {
    error = caught;
  } finally {
    run.onPhase('stopping', null);
    if (manager)
      await manager.stop().catch((e: unknown) => recorder.warn(`stopping the supervisor: ${String(e)}`));
    await appProxy?.close();
    recorder.phases.stopped = now();
  }
  const partial = signal.aborted || error !== null;
  return { record: recorder.record(variant.name, config, partial, error ? messageOf(error) : null), error };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
