// resilab's TCP proxy: listens on 127.0.0.1, forwards every connection to one upstream port, and
// applies one toxic at a time (Toxiproxy's meanings) to every connection, existing and new. `down`
// is Toxiproxy's disabled proxy: the port stops listening (connects are refused) and every
// connection is closed; removing it listens again on the same port.
import { createServer, type Server, type Socket } from 'node:net';
import { LabError } from '../errors.js';
import type { NetworkToxic } from '../types.js';
import { Link, type Upstream } from './link.js';

const HOST = '127.0.0.1';

/** A started proxy: its port, the toxic now in force, and how to change or end it. */
export class TcpProxy {
  readonly #links = new Set<Link>();
  #server: Server | null = null;
  #toxic: NetworkToxic | null = null;
  #port = 0;

  private constructor(private readonly upstream: Upstream) {}

  /** Starts a proxy to 127.0.0.1:`upstreamPort`, on `port` (0: a free one). */
  static async start(options: { upstreamPort: number; port?: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy({ host: HOST, port: options.upstreamPort });
    await proxy.#listen(options.port ?? 0);
    return proxy;
  }

  /** The port clients connect to (stays the same through `down`). */
  get port(): number {
    return this.#port;
  }

  /** The toxic in force, or null. */
  get toxic(): NetworkToxic | null {
    return this.#toxic;
  }

  /** How many connections are open now. */
  get connections(): number {
    return this.#links.size;
  }

  /** Puts a toxic in force (null: none); every open connection takes it at once. */
  async setToxic(toxic: NetworkToxic | null): Promise<void> {
    const wasDown = this.#toxic?.toxic === 'down';
    this.#toxic = toxic;
    if (toxic?.toxic === 'down') {
      for (const link of [...this.#links]) link.destroy();
      await this.#unlisten();
      return;
    }
    if (wasDown) await this.#listen(this.#port);
    for (const link of [...this.#links]) link.apply();
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    for (const link of [...this.#links]) link.destroy();
    await this.#unlisten();
  }

  #accept(client: Socket): void {
    const link = new Link(
      client,
      this.upstream,
      () => this.#toxic,
      (gone) => this.#links.delete(gone),
    );
    if (!link.gone) this.#links.add(link);
  }

  #listen(port: number): Promise<void> {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: false }, (c) => this.#accept(c));
    return new Promise((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new LabError('RESILAB_E_PORT_IN_USE', `proxy port ${port} on ${HOST} is already in use`)
            : error,
        ),
      );
      server.listen({ host: HOST, port }, () => {
        this.#server = server;
        this.#port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  #unlisten(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
