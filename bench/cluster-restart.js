// `restart` of a cluster ×2 under 50 keep-alive connections, 3 restarts per trial: one worker after
// another (what `restart` does now, as PM2) against every worker at once (what it did before: each
// instance's restart started together, so all stopped, then all started). Counts refused connects
// (ECONNREFUSED per attempt: the port had no worker), other failed requests, and the longest gap
// with no 2xx response. Trials alternate on one `resilab runtime` so both see the same machine.
// Run: node bench/cluster-restart.js (TRIALS=5 for more).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { SupervisorClient } from '../dist/index.js';
import { freePort, percentile, round } from './lib/floor.js';

const TRIALS = Number(process.env.TRIALS ?? 3);
const RESTARTS = 3;
const CONNECTIONS = 50;
/** Load before the first restart and after the last one, so the gaps at both ends are seen. */
const SETTLE_MS = 500;
const APP = fileURLToPath(new URL('../sample-apps/bare-app.js', import.meta.url));

/** Drives the load while `act` runs; resolves with what the clients saw. */
async function underLoad(port, act) {
  const counts = { ok: 0, refused: 0, failed: 0, longest_gap_ms: 0 };
  let last = performance.now();
  const instance = autocannon({ url: `http://127.0.0.1:${port}/`, connections: CONNECTIONS, duration: 120 });
  const done = new Promise((resolve) => instance.once('done', resolve));
  instance.on('response', (_client, status) => {
    if (status < 200 || status >= 300) {
      counts.failed++;
      return;
    }
    counts.ok++;
    const t = performance.now();
    counts.longest_gap_ms = Math.max(counts.longest_gap_ms, t - last);
    last = t;
  });
  instance.on('reqError', (error) => {
    if (error?.code === 'ECONNREFUSED') counts.refused++;
    else counts.failed++;
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await act();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  instance.stop();
  await done;
  counts.longest_gap_ms = round(counts.longest_gap_ms);
  return counts;
}

const port = await freePort();
const client = await SupervisorClient.start({
  target: APP,
  flags: { instances: '2', name: 'bench' },
  env: { PORT: String(port) },
  home: mkdtempSync(join(tmpdir(), 'resilab-bench-')),
});
const ways = {
  // `resilab restart bench`: one worker after another.
  in_turn: () => client.command({ cmd: 'restart', target: 'bench' }),
  // Every instance restarted at once (by id, side by side): the behaviour before this change.
  all_at_once: async () => {
    const rows = await client.list();
    await Promise.all(rows.map((row) => client.command({ cmd: 'restart', target: String(row.id) })));
  },
};
const trials = { in_turn: [], all_at_once: [] };
try {
  for (let n = 0; n < TRIALS; n++) {
    for (const [way, restart] of Object.entries(ways)) {
      trials[way].push(
        await underLoad(port, async () => {
          for (let r = 0; r < RESTARTS; r++) await restart();
        }),
      );
    }
  }
} finally {
  await client.stop();
}
const summary = (list, key) => ({
  min: Math.min(...list.map((t) => t[key])),
  p50: percentile(
    list.map((t) => t[key]),
    50,
  ),
  max: Math.max(...list.map((t) => t[key])),
});
const result = {
  trials: TRIALS,
  restarts_per_trial: RESTARTS,
  connections: CONNECTIONS,
  app: 'sample-apps/bare-app.js',
  mode: 'cluster x2',
};
for (const [way, list] of Object.entries(trials)) {
  result[way] = {
    refused_connects: summary(list, 'refused'),
    failed_requests: summary(list, 'failed'),
    longest_gap_ms: summary(list, 'longest_gap_ms'),
    ok: summary(list, 'ok'),
  };
}
result.goal = 'in_turn: never zero workers (refused_connects 0)';
result.meets_goal = trials.in_turn.every((t) => t.refused === 0);
console.log(JSON.stringify(result, null, 2));
