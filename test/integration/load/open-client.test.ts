// The open model's raw HTTP/1.1 client against real servers on 127.0.0.1: node:http answering with
// Content-Length, chunked and Connection: close bodies on kept-alive connections; raw sockets that
// answer in pieces, reset, end without answering or never answer; a port nobody listens on.
// In-process servers: no child process is started.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenClient } from '../../../src/load/open-client.cjs';
import { freePort } from '../../helpers/processes.js';

type Outcome = { status: number } | { code: string };

/** A client on url that records each outcome; `next(n)` resolves once n more outcomes came. */
function client(url: string, options: { maxConnections?: number; timeoutMs?: number } = {}) {
  const outcomes: Outcome[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  const settle = () => {
    if (waiting && outcomes.length >= waiting.count) waiting.resolve();
  };
  const open = new OpenClient(
    { url, method: 'GET', maxConnections: options.maxConnections ?? 4, timeoutMs: options.timeoutMs ?? 5000 },
    {
      response: (_scheduled, _sent, status) => {
        outcomes.push({ status });
        settle();
      },
      failure: (_scheduled, code) => {
        outcomes.push({ code });
        settle();
      },
    },
  );
  clients.push(open);
  /** Sends one request and resolves with its outcome. */
  const request = async (): Promise<Outcome> => {
    const count = outcomes.length + 1;
    expect(open.send(performance.timeOrigin + performance.now())).toBe(true);
    await new Promise<void>((resolve) => {
      waiting = { count, resolve };
      settle();
    });
    return outcomes[count - 1] as Outcome;
  };
  return { open, outcomes, request };
}

const clients: OpenClient[] = [];
const servers: (Server | HttpServer)[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Listens on a free 127.0.0.1 port; counts the connections it accepted. */
async function listen<S extends Server | HttpServer>(
  server: S,
): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}/`, connections: () => connections };
}

/** A raw server: `onRequest(socket, n)` runs for each request head received (n from 1, per connection). */
function rawServer(onRequest: (socket: Socket, n: number) => void): Server {
  return createServer((socket) => {
    let n = 0;
    socket.on('data', (chunk) => {
      for (let i = chunk.indexOf('\r\n\r\n'); i !== -1; i = chunk.indexOf('\r\n\r\n', i + 4))
        onRequest(socket, ++n);
    });
    socket.on('error', () => {});
  });
}

describe('OpenClient on real sockets', () => {
  it('node:http: Content-Length, chunked and large bodies on one kept-alive connection; Connection: close opens a new one', async () => {
    const big = 'x'.repeat(256 * 1024);
    let n = 0;
    const server = createHttpServer((_req, res) => {
      n += 1;
      if (n === 1)
        res.end('hello'); // Content-Length
      else if (n === 2) {
        res.writeHead(202);
        res.write('chunk one, ');
        setImmediate(() => res.end('chunk two')); // chunked, in two writes
      } else if (n === 3)
        res.end(big); // many socket reads
      else if (n <= 5) {
        res.setHeader('connection', 'close');
        res.writeHead(503).end('closing');
      } else res.end('again');
    });
    const { url, connections } = await listen(server);
    const { request } = client(url);
    expect(await request()).toEqual({ status: 200 });
    expect(await request()).toEqual({ status: 202 });
    expect(await request()).toEqual({ status: 200 });
    expect(connections()).toBe(1);
    expect(await request()).toEqual({ status: 503 });
    expect(await request()).toEqual({ status: 503 });
    expect(await request()).toEqual({ status: 200 });
    // Each Connection: close answer ended its connection: the next request opened another.
    expect(connections()).toBe(3);
  });

  it('a response written in pieces (head, chunk-size line and CRLF split) and one without length, ended by the close', async () => {
    const pieces = [
      'HTTP/1.1 200 OK\r\nTransfer-Enc',
      'oding: chunked\r\n\r\n1',
      '0\r\n0123456789abcdef\r',
      '\n0\r\n\r\n',
    ];
    const server = rawServer((socket, n) => {
      if (n === 1) {
        // One piece per turn of the server's loop, each flushed on its own (no Nagle).
        socket.setNoDelay(true);
        const write = (i: number) => {
          if (i < pieces.length) socket.write(pieces[i] as string, () => setImmediate(() => write(i + 1)));
        };
        write(0);
      } else socket.end('HTTP/1.0 201 Created\r\n\r\nuntil the end');
    });
    const { url, connections } = await listen(server);
    const { request } = client(url);
    expect(await request()).toEqual({ status: 200 });
    expect(await request()).toEqual({ status: 201 });
    expect(connections()).toBe(1);
  });

  it("a kept-alive connection is not reused past the server's Keep-Alive timeout (less a margin)", async () => {
    const answer = (timeout: number) =>
      `HTTP/1.1 200 OK\r\nKeep-Alive: timeout=${timeout}\r\nContent-Length: 0\r\n\r\n`;
    let requests = 0;
    const server = rawServer((socket) => {
      requests += 1;
      socket.write(answer(requests === 1 ? 60 : 0));
    });
    const { url, connections } = await listen(server);
    const { request } = client(url, { maxConnections: 1 });
    expect(await request()).toEqual({ status: 200 }); // timeout=60: reused
    expect(await request()).toEqual({ status: 200 }); // timeout=0: not reused
    expect(connections()).toBe(1);
    expect(await request()).toEqual({ status: 200 });
    expect(connections()).toBe(2);
  });

  it('a reset, an end without an answer and a refused connect fail that request, and the next one reconnects', async () => {
    let requests = 0;
    const server = rawServer((socket) => {
      requests += 1;
      if (requests === 1) socket.resetAndDestroy();
      else socket.end();
    });
    const { url, connections } = await listen(server);
    const { request } = client(url, { maxConnections: 1 });
    expect(await request()).toEqual({ code: 'ECONNRESET' });
    expect(await request()).toEqual({ code: 'EOF' });
    expect(connections()).toBe(2);
    const refused = client(`http://127.0.0.1:${await freePort()}/`, { maxConnections: 1 });
    expect(await refused.request()).toEqual({ code: 'ECONNREFUSED' });
    expect(await refused.request()).toEqual({ code: 'ECONNREFUSED' });
  });

  it('a request unanswered past its timeout fails with ETIMEDOUT; every connection busy refuses a send', async () => {
    const { url } = await listen(rawServer(() => {}));
    const { open, request } = client(url, { maxConnections: 1, timeoutMs: 150 });
    const pending = request();
    expect(open.inFlight).toBe(1);
    expect(open.send(0)).toBe(false);
    expect(await pending).toEqual({ code: 'ETIMEDOUT' });
    expect(open.inFlight).toBe(0);
  });

  it('bytes that are not HTTP fail the request and drop the connection', async () => {
    const server = rawServer((socket) => socket.write('SSH-2.0-OpenSSH_9.6\r\n\r\n'));
    const { url, connections } = await listen(server);
    const { request } = client(url, { maxConnections: 1 });
    expect(await request()).toEqual({ code: 'HPE_INVALID_RESPONSE' });
    expect(await request()).toEqual({ code: 'HPE_INVALID_RESPONSE' });
    expect(connections()).toBe(2);
  });
});
