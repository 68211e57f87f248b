// Readiness for apps the agent cannot reach (python, bash, a binary, the node that npm starts):
// the instance is listening once its PORT accepts a connection on 127.0.0.1. Polled, bounded.
import { connect } from 'node:net';

/** How often the port is tried; after `slowAfterMs` (listen_timeout) less often, until the process ends. */
const POLL_MS = 100;
const SLOW_POLL_MS = 500;

/** The port an instance was given (its env PORT), or null when it has none. */
export function portOf(env: NodeJS.ProcessEnv): number | null {
  const port = Number(env.PORT);
  return Number.isInteger(port) && port > 0 && port <= 65535 ? port : null;
}

/**
 * Calls onOpen once `port` accepts a connection; polls until then or stop() (the process ended): an
 * app slower than listen_timeout still gets `listening` late, as an agent-reported one would.
 */
export function watchPort(port: number, slowAfterMs: number, onOpen: () => void): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const slowAfter = Date.now() + slowAfterMs;
  const attempt = () => {
    if (stopped) return;
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      if (stopped) return;
      stopped = true;
      onOpen();
    });
    socket.once('error', () => {
      socket.destroy();
      if (!stopped) timer = setTimeout(attempt, Date.now() < slowAfter ? POLL_MS : SLOW_POLL_MS);
    });
  };
  timer = setTimeout(attempt, POLL_MS);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
