// Measures the challenge for real: http-app under the supervisor, first one instance, then a
// cluster; warm-up, lone requests, rounds of simultaneous requests, and the scaling curve on /cpu.
// Records what happened; the figures and the verdict are computed in metrics/.
import { availableParallelism, cpus as cpuList, loadavg, platform } from 'node:os';
import { now } from '../clock.js';
import { LabError } from '../errors.js';
import { runLoad } from '../load/index.js';
import type {
  ChallengeModeRecord,
  ChallengeRecord,
  ChallengeRound,
  CurveSample,
  LiveSink,
  LoadBucket,
} from '../types.js';
import { type ChallengeApp, startApp } from './challenge-app.js';
import { fireLone, fireSimultaneous } from './challenge-fire.js';
import { findPm2 } from './managers/pm2-find.js';

/** What a caller of the challenge chooses (the CLI's flags, the lab's preset). */
/** The managers that can run both of the challenge's modes and scale its curve. */
export type ChallengeManager = 'resilab' | 'pm2';

export interface ChallengeOptions {
  loops: number;
  requests: number;
  /** Cluster instances; default the CPU count, at least 2. */
  instances: number;
  rounds: number;
  /** Highest instance count of the scaling curve; 0 = no curve. */
  curveMax: number;
  /** Length of each curve point's load. */
  curveMs: number;
  script: string;
  home: string;
  /** The supervisor the app runs under (`challenge --manager`): resilab or the user's PM2. */
  manager?: ChallengeManager;
  onProgress?: (line: string) => void;
  signal?: AbortSignal;
  /** The live view's sink: supervisor events, and the scaling curve's load buckets as they come. */
  onLive?: LiveSink;
}

/** The curve's load buckets (the lab's width, so the live view draws them like a run's). */
const CURVE_BUCKET_MS = 100;

/** Sequential requests per instance before measuring: V8 optimises the loop after a few calls. */
const WARMUP_PER_INSTANCE = 3;

async function measureMode(
  mode: ChallengeModeRecord['mode'],
  instances: number,
  options: ChallengeOptions,
): Promise<{ record: ChallengeModeRecord; curve: CurveSample[] }> {
  const live = options.onLive;
  const app = await startApp({
    mode,
    instances,
    script: options.script,
    home: options.home,
    onEvent: live && ((event) => live({ type: 'event', event })),
    manager: options.manager ?? 'resilab',
  });
  try {
    const url = `${app.url}/cpu?loops=${options.loops}`;
    options.onProgress?.(`${mode} ×${instances}: warming up`);
    for (let i = 0; i < WARMUP_PER_INSTANCE * instances; i++) await fireLone(url);
    const lone: number[] = [];
    const rounds: ChallengeRound[] = [];
    for (let round = 0; round < options.rounds; round++) {
      options.signal?.throwIfAborted();
      options.onProgress?.(`${mode} ×${instances}: round ${round + 1} of ${options.rounds}`);
      lone.push((await fireLone(url)).latency_ms);
      const fired = await fireSimultaneous(url, options.requests);
      if (fired.samples.some((sample) => !sample.ok)) {
        throw new LabError(
          'RESILAB_E_RUN_FAILED',
          `${mode} mode: a /cpu request failed in round ${round + 1}`,
        );
      }
      rounds.push(fired);
    }
    const curve = mode === 'cluster' && options.curveMax > 0 ? await scalingCurve(app, options) : [];
    return { record: { mode, instances, rounds, lone_ms: lone }, curve };
  } finally {
    await app.stop();
  }
}

/** 2xx answers on /cpu with 1..curveMax instances, scaling one supervisor up step by step. */
async function scalingCurve(app: ChallengeApp, options: ChallengeOptions): Promise<CurveSample[]> {
  const points: CurveSample[] = [];
  for (let instances = 1; instances <= options.curveMax; instances++) {
    options.signal?.throwIfAborted();
    options.onProgress?.(`scaling curve: ${instances} instance${instances === 1 ? '' : 's'}`);
    await app.scale(instances);
    // A new worker's loop is not optimised yet: warm every instance before measuring.
    for (let i = 0; i < WARMUP_PER_INSTANCE * instances; i++)
      await fireLone(`${app.url}/cpu?loops=${options.loops}`);
    const onBucket = options.onLive && curveFeed(options.onLive, instances, options.curveMs);
    const load = await runLoad({
      url: `${app.url}/cpu?loops=${options.loops}`,
      spec: {
        path: '/cpu',
        method: 'GET',
        connections: Math.max(2, instances * 2),
        duration_ms: options.curveMs,
        warmup_ms: 0,
        pipelining: 1,
        rate: null,
        timeout_ms: 10_000,
      },
      bucketMs: CURVE_BUCKET_MS,
      signal: options.signal,
      onBucket,
    });
    const ok = load.buckets.reduce((sum, bucket) => sum + bucket.ok_2xx, 0);
    points.push({ instances, ok_2xx: ok, duration_ms: load.t_end - load.t_start });
  }
  return points;
}

/** One scaling-curve point as a live section: its load buckets, time 0 at the first one. */
function curveFeed(live: LiveSink, instances: number, curveMs: number): (bucket: LoadBucket) => void {
  const variant = {
    name: 'scaling curve on /cpu',
    exec_mode: 'cluster' as const,
    instances,
    supervisor: {},
    script: null,
    env: {},
  };
  live({ type: 'variant', scenario: 'challenge', variant, port: 0, bucket_ms: CURVE_BUCKET_MS, t: now() });
  live({ type: 'phase', phase: 'load', total_ms: curveMs, t: now() });
  let started = false;
  return (bucket) => {
    if (!started) live({ type: 'load-start', t: bucket.t_start });
    started = true;
    live({ type: 'bucket', bucket });
  };
}

/** The whole measurement: single, then cluster (with the curve). */
export async function measureChallenge(options: ChallengeOptions): Promise<ChallengeRecord> {
  const started = now();
  const manager = options.manager ?? 'resilab';
  // PM2 is the user's: found before anything starts, so a missing one is a clear exit 2.
  const pm2 = manager === 'pm2' ? findPm2() : null;
  const cpus = availableParallelism();
  const load = loadavg()[0] ?? 0;
  const single = await measureMode('single', 1, options);
  const cluster = await measureMode('cluster', options.instances, options);
  return {
    kind: 'challenge',
    loops: options.loops,
    requests: options.requests,
    rounds: options.rounds,
    instances: options.instances,
    cpus,
    load_average: load,
    started_at: started,
    modes: [single.record, cluster.record],
    curve: cluster.curve,
    environment: {
      node: process.version,
      cpu_model: cpuList()[0]?.model ?? 'unknown',
      platform: platform(),
      manager,
      ...(pm2 ? { pm2 } : {}),
    },
  };
}
