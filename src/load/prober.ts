// The availability signal and the true latency: one GET every interval on a fresh connection
// (no agent, Connection: close), each with its own deadline. Fixed rate: a slow probe never delays
// the next one, they overlap. autocannon's keep-alive connections cannot show this (its latency is
// wrong after reconnects, and in cluster mode its connections stay on the surviving worker).
//
// Overlap is capped so a hung server cannot pile up sockets: at most ceil(timeout / interval) + 1
// probes are in flight, which is never reached while every probe ends by its own deadline. When it
// is reached (the event loop stalled and deadlines fired late), the probe due now is not sent and is
// recorded as failed with error 'timeout' and t_end = t_start: the service did not answer the ones
// before it in time, and a gap in the record would read as "nothing measured" rather than "down".
import { request } from 'node:http';
import { now } from '../clock.js';
import type { ProbeSample, ProbeSpec } from '../types.js';
import { loopbackUrl } from './target.js';

/** A running prober: samples() are the probes finished so far; stop() waits for the rest. Start order. */
export interface Prober {
  stop(): Promise<ProbeSample[]>;
  samples(): readonly ProbeSample[];
}

/** Most probes in flight at once, whatever interval and timeout say. */
const MAX_IN_FLIGHT = 256;

/** Maps a probe's failure to its class (the same classes the load buckets use). */
export function probeErrorClass(error: NodeJS.ErrnoException, timedOut: boolean): ProbeSample['error'] {
  if (timedOut) return 'timeout';
  if (error.code === 'ECONNREFUSED') return 'refused';
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || /socket hang up/i.test(error.message)) {
    return 'reset';
  }
  return 'other';
}

function pidOf(header: string | string[] | undefined): number | null {
  const value = Number(Array.isArray(header) ? header[0] : header);
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** One probe: resolves with its sample, never rejects. */
export function probeOnce(target: URL, timeoutMs: number): Promise<ProbeSample> {
  const t_start = now();
  return new Promise((resolve) => {
    let timedOut = false;
    let settled = false;
    const done = (sample: Omit<ProbeSample, 't_start' | 't_end'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ t_start, t_end: now(), ...sample });
    };
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        agent: false,
        headers: { connection: 'close' },
      },
      (res) => {
        const status = res.statusCode ?? null;
        const pid = pidOf(res.headers['x-pid']);
        res.on('error', (error) => done({ ok: false, status, error: probeErrorClass(error, timedOut), pid }));
        res.on('end', () =>
          done({ ok: status !== null && status >= 200 && status < 300, status, error: null, pid }),
        );
        // Closed before the body ended, without an error event: the connection broke mid-response.
        res.on('close', () => done({ ok: false, status, error: timedOut ? 'timeout' : 'reset', pid }));
        res.resume();
      },
    );
    const deadline = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('probe timed out'));
    }, timeoutMs);
    req.on('error', (error) =>
      done({ ok: false, status: null, error: probeErrorClass(error, timedOut), pid: null }),
    );
    req.end();
  });
}

/** Starts probing url every spec.interval_ms until stop() or the signal aborts. */
export function startProber(options: {
  url: string;
  spec: ProbeSpec;
  signal?: AbortSignal;
  /** Hears each probe as it finishes (the live view). */
  onSample?: (sample: ProbeSample) => void;
}): Prober {
  const { spec, signal } = options;
  const target = new URL(spec.path, loopbackUrl(options.url));
  const cap = Math.min(MAX_IN_FLIGHT, Math.ceil(spec.timeout_ms / spec.interval_ms) + 1);
  // In start order; null while that probe is in flight.
  const slots: (ProbeSample | null)[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let next = now();

  function fire(): void {
    if (stopped) return;
    const due = now();
    if (inFlight.size >= cap) {
      const skipped: ProbeSample = {
        t_start: due,
        t_end: due,
        ok: false,
        status: null,
        error: 'timeout',
        pid: null,
      };
      slots.push(skipped);
      options.onSample?.(skipped);
    } else {
      const index = slots.length;
      slots.push(null);
      const probe = probeOnce(target, spec.timeout_ms).then((sample) => {
        slots[index] = sample;
        inFlight.delete(probe);
        options.onSample?.(sample);
      });
      inFlight.add(probe);
    }
    // Fixed rate on the ideal grid; after a stall, resume at the next slot instead of bursting.
    next += spec.interval_ms;
    const wait = next - now();
    if (wait < 0) next += Math.ceil(-wait / spec.interval_ms) * spec.interval_ms;
    timer = setTimeout(fire, Math.max(0, next - now()));
  }

  async function stop(): Promise<ProbeSample[]> {
    stopped = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    await Promise.all([...inFlight]);
    return completed();
  }
  const completed = () => slots.filter((s): s is ProbeSample => s !== null);
  const onAbort = () => void stop();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stopped = true;
  else fire();
  return { stop, samples: completed };
}
