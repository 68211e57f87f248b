// The proxies bench/proxy.js compares, each in a process of its own: resilab's TcpProxy, the minimal
// node:net pipe (the floor for any Node proxy) and, when installed, socat (a C proxy: one forked
// process per connection). And the CPU time of a process, its reaped children included, from /proc.
import { fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from './floor.js';

const TICK_US = 1e6 / 100; // USER_HZ: /proc counts CPU time in 1/100 s on Linux
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** CPU time of `pid` and of its children already reaped, in µs: user (JS, libuv) and system (kernel). */
export function cpuUs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // after "pid (comm) ": utime, stime, cutime, cstime are stat fields 14–17
  const [utime, stime, cutime, cstime] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 15)
    .map(Number);
  return { user: (utime + cutime) * TICK_US, system: (stime + cstime) * TICK_US };
}

/** The pids of `pid`'s live children (socat's per-connection processes). */
export function childrenOf(pid) {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Starts a Node proxy script that sends { port } once listening. */
function nodeProxy(name, file, upstreamPort) {
  const child = fork(here(file), [String(upstreamPort)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', ({ port }) => resolve({ name, child, port }));
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was up`)));
  });
}

/** Resolves once something accepts on `port` (bounded). */
async function accepting(port, limitMs = 5000) {
  const until = performance.now() + limitMs;
  while (performance.now() < until) {
    const ok = await new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve(socket.destroy() && true));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nothing accepts on ${port} after ${limitMs} ms`);
}

/** socat as a C reference, or null when it is not installed. */
async function socat(upstreamPort) {
  const bin = ['/usr/bin/socat', '/usr/local/bin/socat', '/opt/homebrew/bin/socat'].find(existsSync);
  if (!bin) return null;
  const port = await freePort();
  const child = spawn(
    bin,
    [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork,nodelay`, `TCP:127.0.0.1:${upstreamPort},nodelay`],
    { stdio: 'ignore' },
  );
  await accepting(port);
  return { name: 'socat', child, port };
}

/** Every proxy to compare, started against 127.0.0.1:`upstreamPort`. */
export async function startProxies(upstreamPort) {
  const proxies = [
    await nodeProxy('resilab', 'proxy-child.js', upstreamPort),
    await nodeProxy('node_pipe', 'pipe-proxy.js', upstreamPort),
  ];
  const c = await socat(upstreamPort);
  if (c) proxies.push(c);
  return proxies;
}
