// Zombie reaping when `resilab runtime` is a container's PID 1. Orphaned grandchildren of the apps
// are re-parented to PID 1, which must wait() for them or they stay zombies. Node cannot: libuv
// only waits for the pids it spawned, and there is no waitpid(-1) or prctl() binding. So PID 1
// hands that job to tini (Debian's `tini`, Docker's --init): `tini -s -- <this command>` registers
// as a child subreaper, reaps every orphan below it, forwards signals to its child and exits with
// its code; this process only relays signals to tini and ends with tini's exit code.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { constants as os } from 'node:os';
import { delimiter, join } from 'node:path';

/** The signals a container platform or a user sends, relayed to the reaper's child. */
const RELAYED = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2'] as const;

/** Where tini is: $RESILAB_TINI ('' = no reaper), else the first `tini` on PATH; null when none. */
export function findTini(env: NodeJS.ProcessEnv): string | null {
  const candidates =
    env.RESILAB_TINI !== undefined
      ? [env.RESILAB_TINI].filter((p) => p !== '')
      : (env.PATH ?? '/usr/bin:/bin').split(delimiter).map((dir) => join(dir, 'tini'));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not there: the next one
    }
  }
  return null;
}

/** What PID 1 should do about zombies: run under tini, or go on and say why it cannot reap. */
export type ReaperPlan =
  | { kind: 'none' }
  | { kind: 'tini'; path: string }
  | { kind: 'warn'; message: string };

/** Pure: nothing to do unless this is PID 1 (or already under the reaper); tini if found, else a warning. */
export function reaperPlan(pid: number, env: NodeJS.ProcessEnv, tini: string | null): ReaperPlan {
  if (pid !== 1 || env.RESILAB_REAPED === '1') return { kind: 'none' };
  if (tini !== null) return { kind: 'tini', path: tini };
  return {
    kind: 'warn',
    message:
      'running as PID 1 without tini: orphaned processes of the apps will stay zombies; install tini (apt-get install tini) or run the container with --init',
  };
}

/** Runs this same command line under `tini -s`, relays signals to it; resolves the exit code to end with. */
export function runUnderTini(tini: string): Promise<number> {
  const child = spawn(tini, ['-s', '--', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, RESILAB_REAPED: '1' },
  });
  const relay = (signal: NodeJS.Signals) => () => {
    if (child.pid !== undefined && child.exitCode === null) child.kill(signal);
  };
  const handlers = RELAYED.map((signal) => [signal, relay(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return new Promise((resolve) => {
    const done = (code: number) => {
      for (const [signal, handler] of handlers) process.off(signal, handler);
      resolve(code);
    };
    child.once('error', (error) => {
      process.stderr.write(`resilab: cannot start ${tini} (${error.message})\n`);
      done(3);
    });
    child.once('exit', (code, signal) => done(code ?? 128 + (signal ? os.signals[signal] : 0)));
  });
}
