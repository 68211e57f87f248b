// A Node process that a command starts (npm → sh → node, npx, bash -c "node …") has no IPC channel
// to the supervisor. NODE_OPTIONS preloads the agent there too, and this per-instance unix socket is
// its channel: JSON lines both ways, so `listening`, `ready`, drain and 'shutdown' work as in fork mode.
import { rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildHandlers, ManagedChild } from './launcher.js';

let sequence = 0;

/** The socket's env for the app, the messages it sends back to `on`, and how to reach or close it. */
export interface AgentSocket {
  env: NodeJS.ProcessEnv;
  send(message: unknown): void;
  close(): void;
}

/** Opens the socket and returns the env that points the preloaded agent at it. */
export function openAgentSocket(env: NodeJS.ProcessEnv, agentPath: string, on: ChildHandlers): AgentSocket {
  sequence += 1;
  const path = join(tmpdir(), `resilab-agent-${process.pid}-${sequence}.sock`);
  rmSync(path, { force: true });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        deliver(line, on);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('error', () => undefined);
  server.listen(path);
  server.unref();
  const preload = `--require ${JSON.stringify(agentPath)}`;
  return {
    env: {
      ...env,
      RESILAB_AGENT_SOCKET: path,
      NODE_OPTIONS: env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${preload}` : preload,
    },
    send: (message) => {
      for (const socket of sockets) socket.write(`${JSON.stringify(message)}\n`);
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      rmSync(path, { force: true });
    },
  };
}

/** One JSON line from an agent: its tagged reports, or the app's own message (e.g. 'ready'). */
function deliver(line: string, on: ChildHandlers): void {
  let message: unknown;
  try {
    message = JSON.parse(line);
  } catch {
    return; // not ours
  }
  const tagged = message as { resilab?: string; address?: string; port?: number } | null;
  if (tagged && typeof tagged === 'object' && tagged.resilab === 'online') return; // online at spawn already
  if (tagged && typeof tagged === 'object' && tagged.resilab === 'listening') {
    on.listening({ address: tagged.address, port: tagged.port });
    return;
  }
  on.message(message);
}

/** Starts a child with the socket in its env; messages to it go both ways, the socket closes at exit. */
export function throughAgentSocket(
  env: NodeJS.ProcessEnv,
  on: ChildHandlers,
  agentPath: string,
  start: (env: NodeJS.ProcessEnv, on: ChildHandlers) => ManagedChild,
): ManagedChild {
  const socket = openAgentSocket(env, agentPath, on);
  const child = start(socket.env, {
    ...on,
    exit: (code, signal) => {
      socket.close();
      on.exit(code, signal);
    },
  });
  return {
    ...child,
    send: (message) => {
      child.send(message);
      socket.send(message);
    },
  };
}
