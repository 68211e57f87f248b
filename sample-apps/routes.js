// The routes both sample apps serve: what the lab drives load at and injects faults through.
// Plain node:http, no dependencies. Every response carries the answering process's pid in `x-pid`.

const retained = [];

/** Retains `mb` MiB, touching every page so RSS really grows (a zero-filled buffer may not). */
export function leak(mb) {
  const chunk = Buffer.alloc(Math.round(mb * 1024 * 1024));
  chunk.fill(1);
  retained.push(chunk);
  return retained.reduce((sum, b) => sum + b.length, 0);
}

// The 10-million-loop challenge. The loop lives in its own function that the handler calls: inlined
// into the handler, V8 optimises it differently from run to run (5 ms or 20 ms per request).
async function burn(loops) {
  let x = 0;
  for (let i = 0; i < loops; i++) x += i;
  return x;
}

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-pid': String(process.pid),
    ...headers,
  });
  res.end(text);
}

function intParam(url, name, fallback) {
  const raw = url.searchParams.get(name);
  const value = raw === null ? fallback : Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** The request handler: GET / /cpu /crash /leak /slow /hang /health. */
export async function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  switch (url.pathname) {
    case '/':
      return send(res, 200, 'ok\n');
    case '/cpu': {
      const loops = intParam(url, 'loops', 10_000_000);
      const start = performance.now();
      await burn(loops);
      return send(res, 200, { loops, ms: performance.now() - start, pid: process.pid });
    }
    case '/crash':
      // An uncaught exception with the request left unanswered, as a real bug would.
      throw new Error(`crash requested by GET /crash (pid ${process.pid})`);
    case '/leak': {
      const total = leak(intParam(url, 'mb', 10));
      return send(res, 200, {
        retained_mb: total / 1024 / 1024,
        rss_mb: process.memoryUsage.rss() / 1024 / 1024,
      });
    }
    case '/slow': {
      const ms = intParam(url, 'ms', 200);
      await new Promise((resolve) => setTimeout(resolve, ms));
      return send(res, 200, { slept_ms: ms, pid: process.pid });
    }
    case '/hang':
      // Blocks the event loop for good: a hung process that still holds its port.
      for (;;);
    case '/health':
      return send(res, 200, { status: 'ok', pid: process.pid, uptime_s: process.uptime() });
    default:
      return send(res, 404, { error: 'not found', path: url.pathname });
  }
}

/** Reads the env knobs shared by both apps. */
export function settings() {
  return {
    port: Number(process.env.PORT ?? 3000),
    host: process.env.HOST ?? '127.0.0.1',
    bootDelayMs: Number(process.env.BOOT_DELAY_MS ?? 0),
    crashOnBoot: process.env.CRASH_ON_BOOT === '1',
    leakMbPerS: Number(process.env.LEAK_MB_PER_S ?? 0),
  };
}

/** Applies BOOT_DELAY_MS, CRASH_ON_BOOT and LEAK_MB_PER_S before the server listens. */
export async function boot(config) {
  if (config.bootDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.bootDelayMs));
  if (config.crashOnBoot) throw new Error('CRASH_ON_BOOT=1: this deploy fails on start');
  if (config.leakMbPerS > 0) setInterval(() => leak(config.leakMbPerS / 10), 100);
}
