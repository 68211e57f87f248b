// The health and metrics endpoints of a supervisor host (`runtime`, the daemon): what a container
// platform probes (/healthz, /readyz) and what Prometheus scrapes (/metrics). Loopback by default.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LabError } from '../errors.js';
import { isUp } from '../supervisor/states.js';
import type { Supervisor } from '../supervisor/supervisor.js';
import type { InstanceInfo } from '../types.js';
import { SupervisorMetrics } from './metrics.js';
import type { MetricsListen } from './metrics-flags.js';

/** A listening endpoint server; close() ends it and its keep-alive connections. */
export interface MetricsServer {
  port: number;
  host: string;
  close(): Promise<void>;
}

/** Why /readyz says no: the instances that are not listening or ready, or null when all are. */
export function notUp(instances: InstanceInfo[]): string | null {
  if (instances.length === 0) return 'no instances';
  const down = instances.filter((i) => !isUp(i.state));
  if (down.length === 0) return null;
  return down.map((i) => `${i.app}:${i.instance} is ${i.state}`).join('\n');
}

/** Serves /healthz, /readyz and /metrics for `supervisor` until close(). */
export async function serveMetrics(supervisor: Supervisor, listen: MetricsListen): Promise<MetricsServer> {
  const metrics = new SupervisorMetrics(supervisor);
  const answer = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'method not allowed\n');
    // Alive = this event loop answers; the apps' state is /readyz's business.
    if (path === '/healthz') return answer(res, 200, 'ok\n');
    if (path === '/readyz') {
      const why = notUp(supervisor.list());
      return why === null ? answer(res, 200, 'ready\n') : answer(res, 503, `not ready\n${why}\n`);
    }
    if (path === '/metrics') return answer(res, 200, await metrics.render(), metrics.registry.contentType);
    answer(res, 404, 'not found: try /healthz, /readyz or /metrics\n');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => answer(res, 500, `${error.message}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      metrics.close();
      reject(
        error.code === 'EADDRINUSE'
          ? new LabError(
              'RESILAB_E_PORT_IN_USE',
              `--metrics-port: port ${listen.port} on ${listen.host} is already in use`,
            )
          : new LabError(
              'RESILAB_E_USAGE',
              `--metrics-host: cannot listen on "${listen.host}" (${error.message})`,
            ),
      );
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    host: listen.host,
    close: () =>
      new Promise<void>((resolve) => {
        metrics.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
