// @ts-check
// The preload agent: `--require`d into every managed app, invisible to it. It reports `online` and
// (fork mode) `listening`, drains the HTTP servers the app created when it is asked to stop, reports
// event-loop delay, answers the supervisor's heartbeat (the watchdog) from the app's own event loop,
// opens a private port for the per-instance health check, and ends the app's process tree when the
// supervisor disappears (no orphans).
'use strict';
/** Set by the supervisor in its cluster workers' environment and removed here, before the app runs.
 * Not node:cluster's own NODE_UNIQUE_ID: Node deletes that before preloads run. Not
 * `require('node:cluster').isWorker`: in a fork-mode process that loads the cluster primary
 * (child_process and more), ~1 ms of every boot. */
const isWorker = process.env.RESILAB_CLUSTER_WORKER === '1';
delete process.env.RESILAB_CLUSTER_WORKER;
/** In a worker node:cluster is loaded already: requiring it costs nothing. @type {import('node:cluster').Cluster | null} */
const cluster = isWorker ? /** @type {any} */ (require('node:cluster')) : null;
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const { monitorEventLoopDelay } = require('node:perf_hooks');

/** A connection idle at least this long may be closed while draining (busy ones get Connection: close). */
const IDLE_GRACE_MS = 200;
/** How often idle connections are swept while draining. */
const SWEEP_MS = 50;
/** After our FIN, how long we wait for the client's before destroying the socket (lingering close). */
const LINGER_MS = 2000;
const REPORT_MS = 1000;
/** The delay sampler's period; every sample includes it, so it is subtracted from what we report. */
const RESOLUTION_MS = 10;

const kIdleSince = Symbol('resilab.idleSince');
const kActive = Symbol('resilab.active');
const kLinger = Symbol('resilab.linger');
const kServer = Symbol('resilab.server');
const kListening = Symbol('resilab.listening');

/** @type {Set<http.Server>} */
const openServers = new Set();
/** @type {Set<net.Socket>} */
const sockets = new Set();
/** Servers whose close() was called: their responses get Connection: close, their idle sockets close. */
/** @type {Set<http.Server>} */
const draining = new Set();
/** @type {NodeJS.Timeout | null} */
let sweeper = null;

/** @param {unknown} message */
function report(message) {
  if (process.connected && process.send) process.send(message);
}

/** Every live descendant of pid, from /proc (Linux). @param {number} root */
function descendants(root) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const result = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(/** @type {number} */ (queue.shift())) ?? []) {
      result.push(child);
      queue.push(child);
    }
  }
  return result;
}

/** FIN now, keep reading (and dropping) until the client's FIN, so a late request never meets a reset. */
function lingerClose(/** @type {net.Socket} */ socket) {
  const s = /** @type {any} */ (socket);
  if (s[kLinger]) return;
  s[kLinger] = true;
  socket.end();
  socket.once('end', () => socket.destroy());
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Closes the connections idle for IDLE_GRACE_MS, of one server or of every draining one. */
function sweep(/** @type {http.Server | null} */ only = null) {
  const t = performance.now();
  for (const socket of sockets) {
    const s = /** @type {any} */ (socket);
    const server = s[kServer];
    if (only ? server !== only : !draining.has(server)) continue;
    if (s[kActive] === 0 && t - s[kIdleSince] >= IDLE_GRACE_MS) lingerClose(socket);
  }
}

/** Starts draining a server: Connection: close on every response from now on, idle connections closed. */
function startDraining(/** @type {http.Server} */ server) {
  if (draining.has(server)) return;
  draining.add(server);
  for (const socket of sockets) {
    const res = /** @type {any} */ (socket)._httpMessage;
    if (/** @type {any} */ (socket)[kServer] === server && res && !res.headersSent) {
      res.setHeader('connection', 'close');
    }
  }
  if (!sweeper) {
    sweeper = setInterval(() => sweep(), SWEEP_MS);
    sweeper.unref();
  }
}

/** Tracks one HTTP server's connections and makes its close() a drain. @param {http.Server} server */
function track(server) {
  const s = /** @type {any} */ (server);
  if (s.__resilab) return;
  s.__resilab = true;
  openServers.add(server);
  server.once('listening', () => {
    /** @type {any} */ (server)[kListening] = true;
  });
  server.on('connection', (/** @type {net.Socket} */ socket) => {
    const k = /** @type {any} */ (socket);
    k[kActive] = 0;
    k[kIdleSince] = performance.now();
    k[kServer] = server;
    k.destroySoon = () => lingerClose(socket);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const emit = server.emit;
  s.emit = function emitRequest(/** @type {string} */ event, /** @type {any[]} */ ...args) {
    if (event === 'request') {
      beat();
      const [req, res] = args;
      const socket = req.socket;
      if (socket[kLinger]) return true; // a request raced our FIN: the client reconnects and sends it again
      socket[kActive] = (socket[kActive] ?? 0) + 1;
      res.once('close', () => {
        socket[kActive] -= 1;
        socket[kIdleSince] = performance.now();
      });
      if (draining.has(server)) res.setHeader('connection', 'close');
    }
    return /** @type {any} */ (emit).apply(this, [event, ...args]);
  };
  s.closeIdleConnections = () => sweep(server);
  const close = server.close;
  s.close = function drainingClose(/** @type {any[]} */ ...args) {
    startDraining(server);
    return /** @type {any} */ (close).apply(this, args);
  };
  server.once('close', () => {
    openServers.delete(server);
    draining.delete(server);
    if (openServers.size === 0) finish();
  });
}

/** Set when we were asked to stop and the app has no shutdown code of its own: exit once drained. */
let exitWhenDrained = false;
/** Set once a stop drained every server, so a later signal ends the process cleanly. */
let drained = false;
function finish() {
  drained = true;
  if (exitWhenDrained) setImmediate(() => process.exit(0));
}

/** The supervisor asked us to stop and the app has no handler of its own: drain, then exit. */
function shutdown(/** @type {NodeJS.Signals | null} */ signal) {
  if (openServers.size === 0 && signal && !drained) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal); // what the app would have done without us
    return;
  }
  exitWhenDrained = true;
  if (openServers.size === 0) return finish();
  for (const server of [...openServers]) server.close();
}

/** Set by the supervisor's first heartbeat: the watchdog is on (heartbeat_timeout). */
let watched = false;
let lastBeat = 0;
/** At most one unasked answer per this many ms. */
const BEAT_EVERY_MS = 50;

/**
 * Answers the watchdog unasked when a request is dispatched. One loop turn may handle many ready
 * sockets before it reads the supervisor's heartbeat (10 busy connections × 100 ms each is 1 s), but
 * a loop that starts request after request is alive: only one stuck inside a request stops beating.
 */
function beat() {
  if (!watched) return;
  const t = performance.now();
  if (t - lastBeat < BEAT_EVERY_MS) return;
  lastBeat = t;
  report({ resilab: 'heartbeat', n: 0 });
}

/** The private health-check port (one per process), once opened. @type {net.Server | null} */
let healthServer = null;

/** The app's first listening HTTP server: where the health check's connections go. */
function appServer() {
  for (const server of openServers)
    if (/** @type {any} */ (server)[kListening] && !draining.has(server)) return server;
  return null;
}

/**
 * Opens (once) a loopback port of this process alone and reports it: each connection on it is handed
 * to the app's server, so the check reaches this process even where the cluster balancer owns the
 * shared port. `exclusive` keeps a cluster worker from asking the primary for the handle.
 */
function openHealthPort() {
  if (!appServer()) {
    report({ resilab: 'health-port', port: null, error: 'no HTTP server is listening in this process' });
    return;
  }
  if (healthServer) {
    const address = healthServer.address();
    if (address && typeof address === 'object') report({ resilab: 'health-port', port: address.port });
    return; // still opening: its listening callback reports
  }
  const server = net.createServer((socket) => {
    const target = appServer();
    if (target) target.emit('connection', socket);
    else socket.destroy();
  });
  healthServer = server;
  server.on('error', (error) => {
    healthServer = null;
    report({ resilab: 'health-port', port: null, error: `private health port: ${error.message}` });
  });
  listen.call(server, { port: 0, host: '127.0.0.1', exclusive: true }, () => {
    const address = server.address();
    report({ resilab: 'health-port', port: address && typeof address === 'object' ? address.port : null });
  });
  server.unref();
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function hookedListen(/** @type {any[]} */ ...args) {
  if (this instanceof http.Server) track(this);
  if (!isWorker) {
    this.once('listening', () => {
      const address = this.address();
      if (address && typeof address === 'object') {
        report({ resilab: 'listening', address: address.address, port: address.port });
      } else report({ resilab: 'listening', address: address ?? undefined });
    });
  }
  return /** @type {any} */ (listen).apply(this, args);
};

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM'])) {
  process.on(signal, () => {
    if (process.listenerCount(signal) === 1) shutdown(signal);
  });
}

// A Node process started by a command (npm → sh → node) has no IPC channel; the supervisor gave it
// a unix socket instead (supervisor/agent-socket.ts): process.send and 'message' work over it.
const socketPath = process.env.RESILAB_AGENT_SOCKET;
if (typeof process.send !== 'function' && socketPath) {
  const socket = net.connect(socketPath);
  socket.on('error', () => undefined);
  socket.unref(); // the channel must not keep the app alive
  socket.setEncoding('utf8');
  let buffer = '';
  socket.on('data', (/** @type {string} */ chunk) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        process.emit(/** @type {any} */ ('message'), JSON.parse(line));
      } catch {
        // not a JSON line
      }
    }
  });
  let reached = false;
  socket.once('connect', () => {
    reached = true;
  });
  // The supervisor went away (after it was reached): the same no-orphan path as a lost IPC channel.
  socket.on('close', () => {
    if (reached) process.emit(/** @type {any} */ ('disconnect'));
  });
  /** @type {any} */ (process).send = (/** @type {unknown} */ message, /** @type {any[]} */ ...rest) => {
    socket.write(`${JSON.stringify(message)}\n`);
    const callback = rest.find((item) => typeof item === 'function');
    if (callback) process.nextTick(callback, null);
    return true;
  };
  /** @type {any} */ (process).connected = true;
}

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    const tag = /** @type {any} */ (message)?.resilab;
    if (tag === 'heartbeat') {
      watched = true;
      lastBeat = performance.now();
      return report(message); // answered from the app's own event loop
    }
    if (tag === 'health-port') return openHealthPort();
    const isShutdown = message === 'shutdown' || /** @type {any} */ (message)?.type === 'shutdown';
    if (isShutdown && process.listenerCount('message') === 1) shutdown(null);
  });
  // Runs before node:cluster's own handler (which exits at once): end our descendants first.
  process.prependListener('disconnect', () => {
    if (cluster?.worker?.exitedAfterDisconnect) return; // an orderly reload/stop
    for (const pid of descendants(process.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(0);
  });
  // Our two listeners must not keep the app alive: undo their reference on the IPC channel.
  const emitRaw = /** @type {(event: string, name: string) => boolean} */ (
    /** @type {unknown} */ (process.emit)
  );
  emitRaw.call(process, 'removeListener', 'message');
  emitRaw.call(process, 'removeListener', 'disconnect');

  report({ resilab: 'online' });
  // The delay sampler starts after the app's first turn of the event loop: its set-up is not on
  // the path from boot to the first answered request (a restart's figure, bench/pm2-compare.js).
  setImmediate(() => {
    const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    delay.enable();
    const beyond = (/** @type {number} */ ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    setInterval(() => {
      report({ resilab: 'event-loop', p50_ms: beyond(delay.percentile(50)), max_ms: beyond(delay.max) });
      delay.reset();
    }, REPORT_MS).unref();
  }).unref();
}
