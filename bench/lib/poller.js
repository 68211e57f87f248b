// An independent availability poller, run as its own process: a fresh-connection GET every 5 ms,
// timed with this process's own clock (process.hrtime), sharing no code with resilab's prober. It
// finds the app's port in the supervisor's out_file ("listening on http://127.0.0.1:PORT"), polls
// until stdin closes, then prints one JSON line: the longest interval between successful answers
// (null when fewer than two answers succeeded).
//   node bench/lib/poller.js <out_file>
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const INTERVAL_MS = 5;
const TIMEOUT_MS = 500;
const file = process.argv[2];
const clock = () => Number(process.hrtime.bigint()) / 1e6;

async function port() {
  const deadline = clock() + 30_000;
  while (clock() < deadline) {
    const text = (() => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return '';
      }
    })();
    const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(text);
    if (match) return Number(match[1]);
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`poller: no "listening on" line in ${file} within 30 s`);
}

function probe(p) {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port: p, path: '/', agent: false, timeout: TIMEOUT_MS },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 300));
        res.on('error', () => resolve(false));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

const p = await port();
const successes = [];
let failures = 0;
let stop = false;
process.stdin.on('close', () => {
  stop = true;
});
process.stdin.resume();
let due = clock();
while (!stop) {
  probe(p).then((ok) => {
    if (ok) successes.push(clock());
    else failures++;
  });
  due += INTERVAL_MS;
  await new Promise((r) => setTimeout(r, Math.max(0, due - clock())));
}
await new Promise((r) => setTimeout(r, TIMEOUT_MS));
successes.sort((a, b) => a - b);
// Fewer than two successes measure no gap at all: null, never 0 ms.
let longest = successes.length < 2 ? null : 0;
for (let i = 1; i < successes.length; i++) longest = Math.max(longest, successes[i] - successes[i - 1]);
console.log(JSON.stringify({ port: p, successes: successes.length, failures, longest_gap_ms: longest }));
