// The same routes as http-app with no shutdown handling at all: what most apps look like, and what
// the supervisor's agent has to drain on its own for a zero-failure reload.
// Run it directly: PORT=3000 node sample-apps/bare-app.js
import { createServer } from 'node:http';
import { boot, handle, settings } from './routes.js';

const config = settings();
await boot(config);

const server = createServer(handle);
server.listen(config.port, config.host, () => {
  console.log(`bare-app ${process.pid} listening on http://${config.host}:${server.address().port}`);
});
