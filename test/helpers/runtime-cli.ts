// Runs the built `resilab runtime` as users do, with its own $RESILAB_HOME and an events file,
// and waits on what it writes (events, output, exit) instead of sleeping.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupervisorEvent } from '../../src/types.js';
import { BIN, spawnTracked, waitFor } from './processes.js';

/** A running `resilab runtime` with its home, events and collected output. */
export interface RuntimeRun {
  child: ChildProcess & { output: () => string; errors: () => string };
  home: string;
  eventsFile: string;
  events: () => SupervisorEvent[];
  exited: Promise<number | null>;
}

/** Starts `resilab runtime <args>` in a fresh home; env is added to the test's environment. */
export function startRuntime(args: string[], env: Record<string, string> = {}, cwd?: string): RuntimeRun {
  const home = mkdtempSync(join(tmpdir(), 'resilab-cfg-'));
  const eventsFile = join(home, 'events.jsonl');
  const child = spawnTracked(process.execPath, [BIN, 'runtime', ...args, '--events', eventsFile], {
    env: { ...process.env, ...env, RESILAB_HOME: home },
    cwd,
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const events = (): SupervisorEvent[] =>
    existsSync(eventsFile)
      ? readFileSync(eventsFile, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as SupervisorEvent)
      : [];
  return { child, home, eventsFile, events, exited };
}

/** Waits until `count` events of `type` were written. */
export function waitForEvents(
  run: RuntimeRun,
  type: SupervisorEvent['type'],
  count = 1,
): Promise<SupervisorEvent[]> {
  return waitFor(
    `${count} ${type} event(s)`,
    () => {
      const found = run.events().filter((event) => event.type === type);
      return found.length >= count ? found : null;
    },
    20_000,
  );
}

/** SIGINT (graceful stop of every app), then the runtime's exit code. */
export async function stopRuntime(run: RuntimeRun): Promise<number | null> {
  run.child.kill('SIGINT');
  return run.exited;
}
