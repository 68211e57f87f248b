// The floor for any TCP proxy written on node:net: accept, connect upstream, pipe both ways, nothing
// else (no toxics, no accounting). `node pipe-proxy.js <upstream port>` sends { port } once listening.
import { connect, createServer } from 'node:net';

const upstream = Number(process.argv[2]);
const server = createServer((client) => {
  const origin = connect({ host: '127.0.0.1', port: upstream });
  client.setNoDelay(true);
  origin.setNoDelay(true);
  client.pipe(origin).pipe(client);
  client.on('error', () => origin.destroy());
  origin.on('error', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));
