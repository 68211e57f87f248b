// resilab's TCP proxy in a process of its own (as an extra hop, apart from the load generator):
// `node proxy-child.js <upstream port>` sends { port } once listening, then takes { toxic } messages
// (null removes it) and answers { ok: true } once each is in force.
import { TcpProxy } from '../../dist/proxy/index.js';

const proxy = await TcpProxy.start({ upstreamPort: Number(process.argv[2]) });
process.send({ port: proxy.port });
process.on('message', async (message) => {
  await proxy.setToxic(message.toxic ?? null);
  process.send({ ok: true });
});
process.on('disconnect', async () => {
  await proxy.close();
  process.exit(0);
});
