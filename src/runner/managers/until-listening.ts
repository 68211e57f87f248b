// "Up" for a manager resilab does not run: every instance's server is listening, as the apps'
// report says. A start that dies or never listens stops what it started and rejects, coded.
import { LabError } from '../../errors.js';
import type { AppEvents } from './app-events.js';
import type { Manager } from './manager.js';

const DEFAULT_TIMEOUT_MS = 30_000;
const CHECK_EVERY_MS = 20;

/** Resolves once `instances` instances listen; rejects (after stopping the manager) on exit or timeout. */
export function untilListening(
  events: AppEvents,
  instances: number,
  timeoutMs: number | undefined,
  manager: Manager,
  watched: { once(event: 'exit', listener: () => void): unknown },
): Promise<void> {
  const limit = timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error: LabError | null) => {
      if (done) return;
      done = true;
      clearInterval(check);
      clearTimeout(timer);
      if (!error) return resolve();
      void manager.stop().finally(() => reject(error));
    };
    const check = setInterval(() => {
      if (events.listening() >= instances) finish(null);
    }, CHECK_EVERY_MS);
    const timer = setTimeout(
      () =>
        finish(
          new LabError(
            'RESILAB_E_NOT_READY',
            `not ready after ${limit} ms (${events.listening()} of ${instances} listening)`,
          ),
        ),
      limit,
    );
    watched.once('exit', () =>
      finish(new LabError('RESILAB_E_NOT_READY', 'the app exited before it was listening')),
    );
  });
}

/** Resolves once exactly `instances` instances listen, or after timeoutMs (the caller checks list()). */
export function untilCount(
  events: AppEvents,
  instances: number,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const check = setInterval(() => {
      if (events.listening() === instances || Date.now() > deadline) {
        clearInterval(check);
        resolve();
      }
    }, CHECK_EVERY_MS);
  });
}
