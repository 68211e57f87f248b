// A small HTTP service that shuts down gracefully: on SIGINT, SIGTERM or the 'shutdown' message it
// stops accepting, answers every further request with `Connection: close`, ends keep-alive sockets
// that stay idle, and exits once every connection is gone.
// Run it directly: PORT=3000 node sample-apps/http-app.js
import { createServer } from 'node:http';
import { Server as NetServer } from 'node:net';
import { boot, handle, settings } from './routes.js';

/** An idle keep-alive socket is ended only after it stayed idle this long: a request may be on the wire. */
const IDLE_GRACE_MS = 150;
/** The backstop: exit even if a client holds a connection open. */
const DRAIN_LIMIT_MS = 10_000;

const config = settings();
await boot(config);

let closing = false;
/** Requests in flight per socket. */
const inFlight = new Map();

const server = createServer((req, res) => {
  const socket = req.socket;
  inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
  if (closing) res.setHeader('connection', 'close');
  res.on('close', () => {
    inFlight.set(socket, (inFlight.get(socket) ?? 1) - 1);
    if (closing) endWhenIdle(socket);
  });
  handle(req, res);
});
server.on('connection', (socket) => {
  inFlight.set(socket, 0);
  socket.on('close', () => inFlight.delete(socket));
});

function endWhenIdle(socket) {
  setTimeout(() => {
    if (inFlight.get(socket) === 0) socket.end();
  }, IDLE_GRACE_MS).unref();
}

function shutdown(reason) {
  if (closing) return;
  closing = true;
  console.log(`http-app ${process.pid}: ${reason}, draining`);
  // Stop accepting without http.Server#close, which would also cut idle keep-alive sockets at
  // once, racing requests already sent on them.
  NetServer.prototype.close.call(server, () => process.exit(0));
  for (const socket of inFlight.keys()) endWhenIdle(socket);
  setTimeout(() => process.exit(0), DRAIN_LIMIT_MS).unref();
}

process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('message', (message) => {
  if (message === 'shutdown') shutdown('shutdown message');
});

server.listen(config.port, config.host, () => {
  console.log(`http-app ${process.pid} listening on http://${config.host}:${server.address().port}`);
  process.send?.('ready');
});
