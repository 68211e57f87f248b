// --metrics-port / --metrics-host, shared by `resilab runtime` and the daemon: validated once at
// the boundary, loopback unless the user widens it (and then told so).
import { LabError } from '../errors.js';

/** Where the health and metrics endpoints listen. */
export interface MetricsListen {
  port: number;
  host: string;
}

/** The loopback address the endpoints bind to unless --metrics-host says otherwise. */
export const DEFAULT_METRICS_HOST = '127.0.0.1';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The validated listen address, null without --metrics-port; bad values → RESILAB_E_USAGE (exit 2). */
export function metricsListen(port: unknown, host: unknown): MetricsListen | null {
  if (port === undefined || port === null) {
    if (host !== undefined && host !== null)
      throw new LabError(
        'RESILAB_E_USAGE',
        `--metrics-host: needs --metrics-port, got only --metrics-host "${host}"`,
      );
    return null;
  }
  const n = typeof port === 'number' ? port : /^\d+$/.test(String(port)) ? Number(port) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new LabError('RESILAB_E_USAGE', `--metrics-port: expected a port number 0-65535, got "${port}"`);
  const h = host === undefined || host === null ? DEFAULT_METRICS_HOST : String(host);
  if (!/^[\w.:-]+$/.test(h))
    throw new LabError('RESILAB_E_USAGE', `--metrics-host: expected an IP address or host name, got "${h}"`);
  return { port: n, host: h };
}

/** The warning printed when the endpoints are reachable from other machines, or null on loopback. */
export function exposureWarning(listen: MetricsListen): string | null {
  if (LOOPBACK.has(listen.host)) return null;
  return `--metrics-host ${listen.host}: /metrics, /healthz and /readyz are reachable from other machines (no authentication); keep that network private`;
}
