// The floor every timing is compared with: a bare `fork()` of the app with the preload agent, from
// spawn to its first `listening` report, a few times. Measured in the same run, on the same machine,
// so ratios survive a noisy box where absolute times do not.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { now } from '../clock.js';
import { LabError } from '../errors.js';
import { freePort } from './port.js';

/** The agent the supervisor preloads into apps (plain CommonJS, next to the compiled supervisor). */
export const AGENT = fileURLToPath(new URL('../supervisor/agent.cjs', import.meta.url));
const BOOT_TIMEOUT_MS = 10_000;
const KILL_WAIT_MS = 2000;

/** The agent's `{ resilab: 'listening', address, port }` report. */
function isListening(message: unknown): boolean {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { resilab?: unknown }).resilab === 'listening'
  );
}

/** Boots the script `count` times, one after another, and returns spawn → listening in ms. */
export async function measureFloor(o: {
  script: string;
  cwd: string;
  env: Record<string, string>;
  count: number;
  signal: AbortSignal;
}): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < o.count && !o.signal.aborted; i++) times.push(await bootOnce(o));
  return times;
}

async function bootOnce(o: {
  script: string;
  cwd: string;
  env: Record<string, string>;
  signal: AbortSignal;
}): Promise<number> {
  const port = await freePort();
  const started = now();
  const child = fork(o.script, [], {
    cwd: o.cwd,
    env: { ...process.env, ...o.env, PORT: String(port), HOST: '127.0.0.1' },
    execArgv: ['--require', AGENT],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      const fail = (why: string) =>
        reject(
          new LabError(
            'RESILAB_E_NOT_READY',
            `floor: ${o.script} ${why}${stderr ? `:\n${stderr.trimEnd()}` : ''}`,
          ),
        );
      const timer = setTimeout(() => fail(`did not listen within ${BOOT_TIMEOUT_MS} ms`), BOOT_TIMEOUT_MS);
      const onAbort = () => fail('was interrupted while booting');
      o.signal.addEventListener('abort', onAbort, { once: true });
      const settle = () => {
        clearTimeout(timer);
        o.signal.removeEventListener('abort', onAbort);
      };
      child.on('message', (message) => {
        if (!isListening(message)) return;
        settle();
        resolve(now() - started);
      });
      child.on('exit', (code, signal) => {
        settle();
        fail(`exited before listening (code ${code}, signal ${signal})`);
      });
      child.on('error', (error) => {
        settle();
        fail(`could not start: ${error.message}`);
      });
    });
  } finally {
    await end(child);
  }
}

/** SIGKILLs the child by its pid and waits for its exit (the floor needs no graceful stop). */
function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, KILL_WAIT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGKILL');
  });
}
