// @ts-check
// The open model's HTTP/1.1 client: a fixed set of keep-alive connections on raw `net` sockets, one
// request in flight on each, the request encoded once into one Buffer. A connection is opened when an
// arrival first needs it, and opened again after it closed, errored or was refused (that arrival
// fails). Each connection keeps its state in preallocated fields and its socket handlers are bound
// once, so a request costs no promise, closure or object; timeouts are one sweep, not a timer each.
// Plain CommonJS so the worker thread loads it from src/ and dist/ alike.
'use strict';

const net = require('node:net');
const { ResponseParser, encodeRequest } = require('./http1.cjs');

/** Same clock as src/clock.ts: epoch ms with a fraction (the origin read once: it is called per request). */
const ORIGIN = performance.timeOrigin;
const now = () => ORIGIN + performance.now();
const ignore = () => {};
/** Each connection's read buffer: a larger response is read in several pieces. */
const READ_BUFFER_BYTES = 16 * 1024;
/** How often in-flight requests are checked against their deadline, at most. */
const SWEEP_MS = 100;
/** An idle connection is reused only this long before the server's idle timeout (as undici's threshold). */
const IDLE_MARGIN_MS = 1000;
/** How long an idle connection is reused when the server does not say (undici's keepAliveTimeout). */
const IDLE_REUSE_MS = 4000;

/**
 * What the client reports, once per request: a response (status) or a failure (a code that
 * buckets.ts classifies: ECONNRESET, EOF, ECONNREFUSED, ETIMEDOUT, …).
 * @typedef {{
 *   response(scheduled: number, sent: number, status: number): void;
 *   failure(scheduled: number, code: string): void;
 * }} Outcomes
 */

/** One connection slot: its socket (null until needed) and the state of its one request. */
class Connection {
  /** @param {OpenClient} client */
  constructor(client) {
    this.client = client;
    /** @type {net.Socket | null} */
    this.socket = null;
    this.busy = false;
    this.scheduled = 0;
    this.sent = 0;
    this.deadline = Number.POSITIVE_INFINITY;
    /** Until when the open socket may carry a request: a server closing an idle one must not race us. */
    this.reusableUntil = 0;
    this.parser = new ResponseParser((status, keepAlive) => this.responded(status, keepAlive));
    this.parser.noBody = client.method === 'HEAD';
    this.onConnect = () => this.write(now());
    // Every read of this slot's sockets lands in one buffer (net's `onread`): no Buffer, no stream
    // machinery per response.
    this.onread = {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (/** @type {number} */ bytes, /** @type {Buffer} */ buffer) => {
        const error = this.parser.execute(buffer, bytes);
        if (error !== null) this.fail('HPE_INVALID_RESPONSE');
        return true;
      },
    };
    this.onError = (/** @type {any} */ error) => this.fail(String(error?.code ?? error?.message ?? 'error'));
    this.onClose = () => {
      if (!this.parser.end()) this.fail('EOF');
    };
  }

  /** @param {number} scheduled */
  send(scheduled) {
    this.busy = true;
    this.scheduled = scheduled;
    const t = now();
    if (this.socket !== null && t > this.reusableUntil) this.drop();
    if (this.socket !== null) return this.write(t);
    // Until the request is on a connection, the wait counts only from the schedule.
    this.deadline = t + this.client.timeoutMs;
    const { port, host } = this.client;
    const socket = net.connect({ port, host, noDelay: true, onread: this.onread });
    socket.on('connect', this.onConnect);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    this.parser.reset();
    this.socket = socket;
  }

  /** @param {number} t now */
  write(t) {
    this.sent = t;
    this.deadline = t + this.client.timeoutMs;
    this.socket?.write(this.client.request);
  }

  /** @param {number} status @param {boolean} keepAlive */
  responded(status, keepAlive) {
    if (!this.busy) return this.fail('HPE_UNEXPECTED_RESPONSE');
    if (!keepAlive) this.drop();
    else {
      const idle = this.parser.idleTimeoutMs;
      this.reusableUntil = now() + (idle < 0 ? IDLE_REUSE_MS : Math.max(idle / 2, idle - IDLE_MARGIN_MS));
    }
    this.busy = false;
    this.client.release(this);
    this.client.outcomes.response(this.scheduled, this.sent, status);
  }

  /** The socket is done with; its request, if any, failed with `code`. @param {string} code */
  fail(code) {
    this.drop();
    if (!this.busy) return;
    this.busy = false;
    this.client.release(this);
    this.client.outcomes.failure(this.scheduled, code);
  }

  drop() {
    const socket = this.socket;
    if (socket === null) return;
    this.socket = null;
    socket.removeAllListeners();
    socket.on('error', ignore);
    socket.destroy();
  }
}

/** The open model's client against one origin; `send` says false when every connection is busy. */
class OpenClient {
  /**
   * @param {{ url: string; method: string; maxConnections: number; timeoutMs: number }} options
   * @param {Outcomes} outcomes
   */
  constructor(options, outcomes) {
    const url = new URL(options.url);
    if (url.protocol !== 'http:')
      throw new Error(`the open model speaks plain HTTP/1.1, got ${url.protocol}`);
    this.host = url.hostname.replace(/^\[|\]$/g, '');
    this.port = Number(url.port || 80);
    this.method = options.method;
    this.request = encodeRequest(options.method, url);
    this.timeoutMs = options.timeoutMs;
    this.outcomes = outcomes;
    this.inFlight = 0;
    /** @type {Connection[]} every slot */
    this.all = [];
    /** @type {Connection[]} the free slots; the top is the one used last (its socket likely open) */
    this.free = [];
    for (let i = 0; i < options.maxConnections; i++) this.all.push(new Connection(this));
    for (let i = options.maxConnections - 1; i >= 0; i--)
      this.free.push(/** @type {Connection} */ (this.all[i]));
    this.sweeper = setInterval(() => this.sweep(), Math.min(SWEEP_MS, Math.max(1, options.timeoutMs / 4)));
  }

  /** Sends one arrival on a free connection; false (nothing sent) when every one is busy. @param {number} scheduled */
  send(scheduled) {
    const connection = this.free.pop();
    if (connection === undefined) return false;
    this.inFlight += 1;
    connection.send(scheduled);
    return true;
  }

  /** @param {Connection} connection */
  release(connection) {
    this.inFlight -= 1;
    // A slot without a socket goes under the open ones: an open connection is reused first.
    if (connection.socket === null) this.free.unshift(connection);
    else this.free.push(connection);
  }

  sweep() {
    const t = now();
    for (const connection of this.all) {
      if (connection.busy && connection.deadline <= t) connection.fail('ETIMEDOUT');
    }
  }

  /** Closes every connection; requests still in flight are abandoned unreported. */
  close() {
    clearInterval(this.sweeper);
    for (const connection of this.all) {
      connection.busy = false;
      connection.drop();
    }
  }
}

module.exports = { OpenClient, now };
