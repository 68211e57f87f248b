// N simultaneous GET requests, each on a fresh connection so round-robin can hand them to different
// workers, timed on the client (what a user waits) with the answering pid from `x-pid`.
import { request } from 'node:http';
import { now } from '../clock.js';
import type { RequestSample } from '../types.js';

/** Per-request timeout: a 10 M loop takes milliseconds; this only bounds a hung server. */
export const REQUEST_TIMEOUT_MS = 30_000;

function get(url: string, timeoutMs: number): Promise<RequestSample & { t_end: number }> {
  const start = now();
  return new Promise((resolve) => {
    const finish = (ok: boolean, pid: number | null, serverMs: number | null) => {
      const end = now();
      resolve({ latency_ms: end - start, pid, server_ms: serverMs, ok, t_end: end });
    };
    const req = request(
      url,
      { agent: false, headers: { connection: 'close' }, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          const pid = Number(res.headers['x-pid']);
          let serverMs: number | null = null;
          try {
            const parsed = JSON.parse(body) as { ms?: unknown };
            serverMs = typeof parsed.ms === 'number' ? parsed.ms : null;
          } catch {
            // not the sample app's JSON: the client-side time is still right
          }
          finish(res.statusCode === 200, Number.isFinite(pid) && pid > 0 ? pid : null, serverMs);
        });
        res.on('error', () => finish(false, null, null));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => finish(false, null, null));
    req.end();
  });
}

/** Fires `count` requests in the same tick; resolves when all answered, with first sent → last answered. */
export async function fireSimultaneous(
  url: string,
  count: number,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<{ samples: RequestSample[]; total_ms: number }> {
  const start = now();
  const results = await Promise.all(Array.from({ length: count }, () => get(url, timeoutMs)));
  const end = Math.max(...results.map((result) => result.t_end));
  return { samples: results.map(({ t_end: _end, ...sample }) => sample), total_ms: end - start };
}

/** One request with nothing else running: the cost of one loop on this machine. */
export async function fireLone(url: string, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RequestSample> {
  const { t_end: _end, ...sample } = await get(url, timeoutMs);
  return sample;
}
