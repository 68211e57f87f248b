// What --metrics-port costs the daemon: two daemons side by side, each supervising the same app in
// cluster mode ×8, one started with --metrics-port and one without. GET /metrics is scraped
// `--scrapes` times, `--interval-ms` apart (as Prometheus would, only far more often; the first
// few apart, as warm-up; --interval-ms 0 is back to back, a stress beyond any scrape config); the
// daemons' RSS is read after the scrapes. Goals: scrape p99 < 20 ms; RSS with the flag - RSS without < 5 MB.
// Run `npm run build` first:  node bench/metrics-cost.js [--scrapes 60] [--interval-ms 1000] [--settle-ms 10000]
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, percentile } from './lib/floor.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/cli/bin.js');
const APP = join(ROOT, 'sample-apps/http-app.js');
const GOALS = { scrape_p99_ms: 20, rss_growth_mib: 5 };
const INSTANCES = 8;
/** The first scrapes compile the code paths (JIT) and prime pidusage: reported apart. */
const WARMUP = 5;

const { values } = parseArgs({
  options: {
    scrapes: { type: 'string', default: '60' },
    'interval-ms': { type: 'string', default: '1000' },
    'settle-ms': { type: 'string', default: '10000' },
  },
});
const SCRAPES = Number(values.scrapes);
/**
 * Between scrapes: 1 s by default, the tightest scrape_interval in common use (Prometheus's default
 * is 1 min, 15 s in most configs). Faster rates cost RSS: prom-client allocates ~0.5 MB per render,
 * and at 20 scrapes a second V8 keeps ~10 MB more heap (`--interval-ms 50` shows it).
 */
const INTERVAL_MS = Number(values['interval-ms']);
/**
 * After the scrapes, both daemons idle this long before their RSS is read: V8 gives heap back only
 * to an idle process (its memory reducer), and the daemon without the flag has been idle all along.
 * Between two real scrapes (1-15 s apart) the daemon is idle too. The RSS right after the last
 * scrape is reported as well.
 */
const SETTLE_MS = Number(values['settle-ms']);

/** `resilab <args>` against one home; returns its stdout. */
const cli = (home, args, port) =>
  execFileSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, RESILAB_HOME: home, PORT: String(port ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** The daemon's pid and resident set size (VmRSS, bytes). */
async function daemonRss(home) {
  const pid = Number((await readFile(join(home, 'daemon.pid'), 'utf8')).trim().split(/\s/)[0]);
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { pid, rss: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024 };
}

/** One GET, its time in ms and its body. */
function scrape(port) {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ ms: performance.now() - start, status: res.statusCode, body }));
    }).on('error', reject);
  });
}

const homes = [
  await mkdtemp(join(tmpdir(), 'resilab-bench-off-')),
  await mkdtemp(join(tmpdir(), 'resilab-bench-on-')),
];
const metricsPort = await freePort();
try {
  cli(homes[0], ['start', APP, '-i', String(INSTANCES), '--name', 'api'], await freePort());
  cli(
    homes[1],
    ['start', APP, '-i', String(INSTANCES), '--name', 'api', '--metrics-port', String(metricsPort)],
    await freePort(),
  );
  const before = [await daemonRss(homes[0]), await daemonRss(homes[1])];
  const times = [];
  const warmup = [];
  let series = 0;
  for (let n = 0; n < WARMUP; n++) warmup.push((await scrape(metricsPort)).ms);
  for (let n = 0; n < SCRAPES; n++) {
    const { ms, status, body } = await scrape(metricsPort);
    if (status !== 200) throw new Error(`/metrics answered ${status}`);
    times.push(ms);
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
    series = body.split('\n').filter((l) => l.startsWith('resilab_')).length;
  }
  const busy = [await daemonRss(homes[0]), await daemonRss(homes[1])];
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const [off, on] = [await daemonRss(homes[0]), await daemonRss(homes[1])];
  const p99 = percentile(times, 99);
  const growth = (on.rss - off.rss) / 2 ** 20;
  console.log(
    JSON.stringify({
      instances: INSTANCES,
      scrapes: SCRAPES,
      interval_ms: INTERVAL_MS,
      series,
      warmup_ms: warmup,
      scrape_ms: { p50: percentile(times, 50), p99, max: Math.max(...times) },
      daemon_rss_mib: {
        before_scrapes: { off: before[0].rss / 2 ** 20, on: before[1].rss / 2 ** 20 },
        after_last_scrape: { off: busy[0].rss / 2 ** 20, on: busy[1].rss / 2 ** 20 },
        [`after_${SETTLE_MS}_ms_idle`]: { off: off.rss / 2 ** 20, on: on.rss / 2 ** 20 },
      },
      rss_growth_mib: growth,
      goals: GOALS,
      pass: { scrape_p99: p99 < GOALS.scrape_p99_ms, rss_growth: growth < GOALS.rss_growth_mib },
    }),
  );
} finally {
  for (const home of homes) {
    try {
      cli(home, ['kill']);
    } catch {
      // that daemon never started
    }
    await rm(home, { recursive: true, force: true });
  }
}
