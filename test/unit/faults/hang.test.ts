// The hang fault against an in-process server: a route that never answers is a hang (ok); one that
// answers within HANG_ANSWER_MS is not (the fault fails, naming the status).
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultContext } from '../../../src/faults/context.js';
import { hang } from '../../../src/faults/hang.js';

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // never answered (the real route spins; here the loop stays free)
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function context(): FaultContext {
  return {
    app: 'web',
    exec_mode: 'fork',
    command: async () => undefined,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    instances: () => [{ instance: 0, pid: 10 }],
    load_start: 0,
    signal: new AbortController().signal,
    stop: new AbortController().signal,
    random: () => 0,
    dependency: () => undefined,
    proxy: () => undefined,
  };
}

describe('hang fault', () => {
  it('no answer: the instance hangs (one instance: it is the target)', async () => {
    const record = await hang({ kind: 'hang', at_ms: 0, path: '/hang' }, context());
    expect(record).toMatchObject({ ok: true, error: null, targets: [{ instance: 0, pid: 10 }] });
  });

  it('an answer: no hang, the fault fails with the status', async () => {
    const record = await hang({ kind: 'hang', at_ms: 0, path: '/' }, context());
    expect(record).toMatchObject({ ok: false, error: 'GET / answered 200: no hang' });
  });
});
