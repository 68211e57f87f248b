// What `resilab run --live` costs the lab: the same scenario (bench/scenarios/throughput.yaml:
// fork ×1, GET /, prober every 10 ms) with and without --live, alternating which goes first, and
// with --live a server-sent-events client connected for the whole run (as a page would be; the
// browser's own drawing is not counted: it is not the lab's). Goal: on/off throughput >= 0.95.
// On a busy machine that ratio is mostly noise, so the bench also replays each measured run's
// record through the live feed (rebuilt every 100 ms, frames serialised as the server does) and
// reports the feed's CPU time as a share of the run's length: the cost itself, without the noise.
// Run `npm run build` first:  node bench/live-cost.js [--rounds 3]
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const SCENARIO = join(ROOT, 'bench/scenarios/throughput.yaml');
const GOAL = 0.95;
const FLUSH_MS = 100;

/** The feed's CPU time replaying a variant's record in time order, in % of the load's length. */
async function feedCost(variant) {
  const { LiveFeed } = await import(join(ROOT, 'dist/live/feed.js'));
  const { sseFrame } = await import(join(ROOT, 'dist/live/messages.js'));
  const t = variant.timeline;
  const events = [
    ...t.buckets.map((bucket) => ({ t: bucket.t_end, e: { type: 'bucket', bucket } })),
    ...t.probes.map((sample) => ({ t: sample.t_end, e: { type: 'probe', sample } })),
    ...t.resources.map((s) => ({ t: s.t, e: { type: 'resources', samples: [s] } })),
    ...variant.events.map((event) => ({ t: event.t, e: { type: 'event', event } })),
  ].sort((a, b) => a.t - b.t);
  const feed = new LiveFeed();
  let bytes = 0;
  feed.subscribe((message) => {
    bytes += sseFrame(message).length;
  });
  const start = process.cpuUsage();
  const t0 = t.phases.boot_start;
  feed.push({
    type: 'variant',
    scenario: 'bench',
    variant: variant.config.variant,
    port: 0,
    bucket_ms: t.bucket_ms,
    t: t0,
  });
  feed.push({ type: 'load-start', t: t.phases.load_start });
  let nextFlush = t.phases.load_start + FLUSH_MS;
  for (const { t: at, e } of events) {
    while (at >= nextFlush) {
      feed.close();
      nextFlush += FLUSH_MS;
    }
    feed.push(e);
  }
  feed.close();
  const used = process.cpuUsage(start);
  const span = t.phases.load_end - t.phases.load_start;
  return {
    cpu_pct: Number((((used.user + used.system) / 1000 / span) * 100).toFixed(2)),
    kib: Math.round(bytes / 102.4) / 10,
  };
}

/** Follows the live stream like a page would; resolves with the bytes and messages received. */
function follow(url) {
  return new Promise((resolve) => {
    let bytes = 0;
    let messages = 0;
    get(`${url}events`, (res) => {
      res.on('data', (chunk) => {
        bytes += chunk.length;
        messages += chunk.toString().split('\n\n').length - 1;
      });
      res.on('close', () => resolve({ bytes, messages }));
    }).on('error', () => resolve({ bytes, messages }));
  });
}

/** One `resilab run --json` (with --live: and a stream client); its steady throughput. */
async function lab(live) {
  const out = await mkdtemp(join(tmpdir(), 'resilab-bench-live-'));
  try {
    const args = [BIN, 'run', SCENARIO, '--json', '--out', out, ...(live ? ['--live'] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let stream = Promise.resolve(null);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const url = /live view: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1];
      if (url && stream === null) stream = follow(url);
    });
    if (live) stream = null;
    const code = await new Promise((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`resilab run exited ${code}: ${stderr}`);
    const variant = JSON.parse(stdout).variants[0];
    return {
      rps: variant.metrics.throughput_rps,
      cpu: variant.loadgen?.cpu_pct_mean ?? null,
      stream: await stream,
      variant,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const runs = [];
for (let round = 0; round < Number(values.rounds); round++) {
  // Alternate the order so drift on a shared machine does not always favour one side.
  const first = round % 2 === 0;
  const a = await lab(first);
  const b = await lab(!first);
  const [on, off] = first ? [a, b] : [b, a];
  const feed = await feedCost(on.variant);
  runs.push({
    feed_cpu_pct_of_one_core: feed.cpu_pct,
    off_rps: Math.round(off.rps),
    on_rps: Math.round(on.rps),
    ratio: Number((on.rps / off.rps).toFixed(3)),
    // The runner process's CPU during the load (load generator, prober, and with --live the feed).
    runner_cpu_pct_off: off.cpu === null ? null : Math.round(off.cpu),
    runner_cpu_pct_on: on.cpu === null ? null : Math.round(on.cpu),
    stream_kib: on.stream === null ? null : Math.round(on.stream.bytes / 102.4) / 10,
    stream_messages: on.stream?.messages ?? null,
  });
}
const ratios = runs.map((r) => r.ratio).sort((x, y) => x - y);
const median = ratios[Math.floor(ratios.length / 2)] ?? null;
console.log(
  JSON.stringify({
    bench: 'live-cost',
    target: 'resilab run (fork ×1, GET /, prober on) with --live and a stream client vs without',
    ratio_median: median,
    goal: `ratio >= ${GOAL}`,
    pass: median !== null && median >= GOAL,
    feed_cpu_pct_median:
      runs.map((r) => r.feed_cpu_pct_of_one_core).sort((x, y) => x - y)[Math.floor(runs.length / 2)] ?? null,
    runs,
  }),
);
