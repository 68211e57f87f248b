// One proxied connection: the client's socket, a socket to the upstream server, a pipe each way.
// Link-level toxics act here: reset_peer resets the client (after `timeout`), timeout closes both
// sides after `timeout` (0: held open). A reset on one side becomes a reset on the other.
import { connect, type Socket } from 'node:net';
import type { NetworkToxic } from '../types.js';
import { Pipe } from './pipe.js';

/** Where the link connects to. */
export interface Upstream {
  host: string;
  port: number;
}

/** A client connection and its upstream twin. */
export class Link {
  readonly #server: Socket;
  readonly #pipes: Pipe[];
  #timer: NodeJS.Timeout | null = null;
  #gone = false;

  constructor(
    private readonly client: Socket,
    upstream: Upstream,
    private readonly toxicOf: () => NetworkToxic | null,
    private readonly onGone: (link: Link) => void,
  ) {
    this.#server = connect({ host: upstream.host, port: upstream.port, allowHalfOpen: true });
    this.#server.setNoDelay(true);
    client.setNoDelay(true);
    this.#pipes = [
      new Pipe(client, this.#server, 'upstream', toxicOf),
      new Pipe(this.#server, client, 'downstream', toxicOf),
    ];
    client.on('error', () => this.#server.destroy());
    this.#server.on('error', (error: NodeJS.ErrnoException) => {
      // A refused or reset upstream is a reset for the client, as a direct connection would see it.
      if (error.code === 'ECONNRESET' || error.code === 'ECONNREFUSED') this.reset();
      else client.destroy();
    });
    client.on('close', () => this.#done());
    this.#server.on('close', () => {
      if (client.writableEnded || client.destroyed) this.#done();
    });
    this.apply();
  }

  /** True once both sides are closed (a reset_peer with no timeout ends a link as it is made). */
  get gone(): boolean {
    return this.#gone;
  }

  /** Applies the proxy's current toxic to this connection (called on creation and on every change). */
  apply(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const toxic = this.toxicOf();
    if (toxic?.toxic === 'reset_peer') this.#after(toxic.timeout, () => this.reset());
    if (toxic?.toxic === 'timeout' && toxic.timeout > 0) this.#after(toxic.timeout, () => this.destroy());
    for (const pipe of this.#pipes) pipe.refresh();
  }

  /** Ends the client's connection with a TCP RST (ECONNRESET on its side). */
  reset(): void {
    if (!this.client.destroyed) this.client.resetAndDestroy();
    this.#server.destroy();
    this.#done();
  }

  /** Closes both sides at once. */
  destroy(): void {
    this.client.destroy();
    this.#server.destroy();
    this.#done();
  }

  #after(ms: number, action: () => void): void {
    if (ms <= 0) action();
    else this.#timer = setTimeout(action, ms);
  }

  #done(): void {
    if (this.#gone) return;
    this.#gone = true;
    if (this.#timer) clearTimeout(this.#timer);
    for (const pipe of this.#pipes) pipe.close();
    this.#server.destroy();
    this.client.destroy();
    this.onGone(this);
  }
}
