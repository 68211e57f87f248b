// resilab's TCP proxy against real sockets: each toxic does what Toxiproxy says it does. Upstreams
// are node:net servers in this process (echo, bulk sender, closer); the proxy is the real one.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpProxy } from '../../../src/proxy/index.js';
import type { NetworkToxic } from '../../../src/types.js';

const servers: Server[] = [];
const proxies: TcpProxy[] = [];

function listen(onSocket: (s: Socket) => void): Promise<number> {
  const server = createServer(onSocket);
  servers.push(server);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

async function proxyTo(port: number): Promise<TcpProxy> {
  const proxy = await TcpProxy.start({ upstreamPort: port });
  proxies.push(proxy);
  return proxy;
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Round trip of one small message (ms). */
function roundTrip(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    const t = performance.now();
    socket.once('data', () => resolve(performance.now() - t));
    socket.write('ping');
  });
}

/** Resolves once `check` holds, looked at on every turn of the event loop (bounded: 5 s). */
async function waitUntil(what: string, check: () => boolean): Promise<void> {
  const until = performance.now() + 5000;
  while (!check()) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function medianRoundTrip(port: number, n = 7): Promise<number> {
  const socket = await open(port);
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await roundTrip(socket));
  socket.destroy();
  return median(times);
}

let echo = 0;
beforeAll(async () => {
  echo = await listen((s) => s.pipe(s));
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  for (const server of servers) server.close();
});

describe('TCP proxy toxics', () => {
  it('forwards untouched with no toxic, and latency adds its delay (±20 %)', async () => {
    const proxy = await proxyTo(echo);
    const base = await medianRoundTrip(proxy.port);
    await proxy.setToxic({ toxic: 'latency', latency: 100, jitter: 0, stream: 'downstream' });
    const slowed = await medianRoundTrip(proxy.port, 5);
    expect(slowed - base).toBeGreaterThanOrEqual(80);
    expect(slowed - base).toBeLessThanOrEqual(120);
    await proxy.setToxic(null);
  });

  it('a live connection goes from the fast path to a toxic and back with every byte in order', async () => {
    // an echo server that counts what reached it, so the test knows when an echo is on its way back
    let echoed = 0;
    const counting = await listen((s) =>
      s.on('data', (chunk) => {
        echoed += chunk.length;
        s.write(chunk);
      }),
    );
    const proxy = await proxyTo(counting);
    const socket = await open(proxy.port);
    let sent = '';
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const send = (n: number) => {
      for (let i = 0; i < n; i++) {
        const message = `${sent.length};`;
        sent += message;
        socket.write(message);
      }
    };
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    send(50);
    await waitUntil('the fast echoes', () => received.length === sent.length);
    await proxy.setToxic({ toxic: 'latency', latency: 200, jitter: 0, stream: 'downstream' });
    send(50);
    // the echoes reached the proxy and wait in its queue when the toxic is removed
    await waitUntil('the echo server', () => echoed === sent.length);
    await turn();
    await turn();
    expect(received.length).toBeLessThan(sent.length);
    await proxy.setToxic(null);
    // what comes next must wait behind what is queued
    send(50);
    await waitUntil('the echoes after the toxic', () => received.length === sent.length);
    await proxy.setToxic({ toxic: 'latency', latency: 30, jitter: 20, stream: 'upstream' });
    send(50);
    await proxy.setToxic(null);
    send(50);
    await waitUntil('every echo', () => received.length === sent.length);
    expect(received).toBe(sent);
    socket.destroy();
  });

  it('bandwidth caps the bytes per second (±20 %)', async () => {
    const bytes = 150_000;
    const bulk = await listen((s) => s.end(Buffer.alloc(bytes, 7)));
    const proxy = await proxyTo(bulk);
    await proxy.setToxic({ toxic: 'bandwidth', rate: 300, stream: 'downstream' });
    const t = performance.now();
    const socket = await open(proxy.port);
    let received = 0;
    await new Promise<void>((resolve) => {
      socket.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      socket.on('end', () => resolve());
    });
    const seconds = (performance.now() - t) / 1000;
    expect(received).toBe(bytes);
    const rate = bytes / seconds / 1000;
    expect(rate).toBeGreaterThanOrEqual(300 * 0.8);
    expect(rate).toBeLessThanOrEqual(300 * 1.2);
  });

  it('reset_peer resets open and new connections (ECONNRESET)', async () => {
    const proxy = await proxyTo(echo);
    const before = await open(proxy.port);
    const reset = (socket: Socket) =>
      new Promise<string | undefined>((resolve) => {
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code));
        socket.once('close', () => resolve(undefined));
      });
    const first = reset(before);
    await proxy.setToxic({ toxic: 'reset_peer', timeout: 0 });
    expect(await first).toBe('ECONNRESET');
    const after = connect({ host: '127.0.0.1', port: proxy.port });
    after.on('connect', () => after.write('ping'));
    expect(await reset(after)).toBe('ECONNRESET');
    await proxy.setToxic(null);
    expect(await medianRoundTrip(proxy.port, 1)).toBeGreaterThan(0);
  });

  it('down refuses connects, and the same port answers again once removed', async () => {
    const proxy = await proxyTo(echo);
    const port = proxy.port;
    await proxy.setToxic({ toxic: 'down' });
    await expect(open(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await proxy.setToxic(null);
    expect(proxy.port).toBe(port);
    expect(await medianRoundTrip(port, 1)).toBeGreaterThan(0);
  });

  it('timeout holds the connection: no data gets through, then it flows again when removed', async () => {
    const proxy = await proxyTo(echo);
    const socket = await open(proxy.port);
    await proxy.setToxic({ toxic: 'timeout', timeout: 0 });
    const got: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => got.push(chunk));
    let closed = false;
    socket.on('close', () => {
      closed = true;
    });
    socket.write('held');
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toHaveLength(0);
    expect(closed).toBe(false);
    const arrived = new Promise((resolve) => socket.once('data', resolve));
    await proxy.setToxic(null);
    await arrived;
    expect(Buffer.concat(got).toString()).toBe('held');
    socket.destroy();
  });

  it('timeout with a timeout closes the connection after it, without passing data', async () => {
    const proxy = await proxyTo(echo);
    const socket = await open(proxy.port);
    const toxic: NetworkToxic = { toxic: 'timeout', timeout: 200 };
    await proxy.setToxic(toxic);
    let got = 0;
    socket.on('data', (chunk: Buffer) => {
      got += chunk.length;
    });
    const t = performance.now();
    socket.write('held');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(got).toBe(0);
    expect(performance.now() - t).toBeGreaterThanOrEqual(150);
    await proxy.setToxic(null);
  });

  it('slow_close delays the close after the last data', async () => {
    const closer = await listen((s) => s.end('bye'));
    const proxy = await proxyTo(closer);
    await proxy.setToxic({ toxic: 'slow_close', delay: 300, stream: 'downstream' });
    const socket = await open(proxy.port);
    let dataAt = 0;
    socket.on('data', () => {
      dataAt = performance.now();
    });
    await new Promise((resolve) => socket.once('end', resolve));
    expect(dataAt).toBeGreaterThan(0);
    expect(performance.now() - dataAt).toBeGreaterThanOrEqual(250);
    socket.destroy();
  });
});
