// A short autocannon run that counts what matters for a reload: 2xx responses, and failures of
// requests that were sent (non-2xx, reqError). `during` runs once after `after` 2xx responses.
import autocannon from 'autocannon';

/** Counts of one load run, with autocannon's own totals for honesty. */
export interface LoadCounts {
  ok: number;
  failed: number;
  result: autocannon.Result;
}

/** Drives connections keep-alive clients at url for durationS seconds; calls during() once mid-run. */
export function loadWhile(
  url: string,
  options: { connections: number; durationS: number; after: number; during: () => Promise<unknown> },
): Promise<LoadCounts & { duringDone: Promise<unknown> | null }> {
  let ok = 0;
  let failed = 0;
  let duringDone: Promise<unknown> | null = null;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: options.durationS },
      (error, result) => {
        if (error) reject(error);
        else resolve({ ok, failed, result, duringDone });
      },
    );
    instance.on('response', (_client, status) => {
      if (status >= 200 && status < 300) ok++;
      else failed++;
      if (ok === options.after && !duringDone) duringDone = options.during();
    });
    instance.on('reqError', () => {
      failed++;
    });
  });
}
