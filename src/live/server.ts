// The live view's HTTP server: the page at /, server-sent events at /events, nothing else. Bound
// to 127.0.0.1 on a free port; close() says goodbye to every page, waits briefly for each to hang
// up (so no browser retries a closed port), then closes every socket: no handle outlives the run.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { now } from '../clock.js';
import type { LiveSink } from '../types.js';
import { LiveFeed } from './feed.js';
import { type LiveMessage, sseFrame } from './messages.js';
import { renderLivePage } from './page.js';

/** How long close() waits for pages to hang up after the end message before closing their sockets. */
export const GOODBYE_MS = 1000;
/** Only what the page itself carries: no request can leave the machine, or even the page's origin. */
const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";

/** A running live view. */
export interface LiveServer {
  url: string;
  /** The sink to pass as RunOptions.onLive. */
  sink: LiveSink;
  /** Ends the stream (partial: the run was interrupted) and the server; resolves when every socket is closed. */
  close(options?: { partial?: boolean }): Promise<void>;
}

/** Starts the live view on 127.0.0.1 (port 0 = a free one). */
export async function startLiveServer(options: { title: string; port?: number }): Promise<LiveServer> {
  const feed = new LiveFeed();
  const page = renderLivePage(options.title);
  const clients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP });
      return void res.end(page);
    }
    if (path !== '/events')
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    res.write(feed.snapshot().map(sseFrame).join(''));
    const write = (message: LiveMessage) => res.write(sseFrame(message));
    const unsubscribe = feed.subscribe(write);
    clients.add(res);
    res.on('close', () => {
      unsubscribe();
      clients.delete(res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    sink: feed.push,
    close(how) {
      closing ??= (async () => {
        feed.push({ type: 'end', partial: how?.partial ?? false, t: now() });
        feed.close();
        await hungUp(clients, GOODBYE_MS);
        for (const res of clients) res.end();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

/** Resolves when every client closed its stream, or after ms. */
function hungUp(clients: Set<ServerResponse>, ms: number): Promise<void> {
  if (clients.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const check = () => clients.size === 0 && done();
    for (const res of clients) res.once('close', () => setImmediate(check));
    function done() {
      clearTimeout(timer);
      resolve();
    }
  });
}
