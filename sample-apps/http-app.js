// A small HTTP service that shuts down gracefully: on SIGINT, SIGTERM or the 'shutdown' message it
// answers in-flight requests with `Connection: close`, stops accepting, and exits once drained.
// Run it directly: PORT=3000 node sample-apps/http-app.js
import { createServer } from 'node:http';
import { boot, handle, settings } from './routes.js';

const config = settings();
await boot(config);

let closing = false;
const server = createServer((req, res) => {
  if (closing) res.setHeader('connection', 'close');
  handle(req, res);
});

function shutdown(reason) {
  if (closing) return;
  closing = true;
  console.log(`http-app ${process.pid}: ${reason}, draining`);
  server.close(() => process.exit(0));
  // Idle keep-alive sockets are closed now; busy ones close after their response (Connection: close).
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
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
