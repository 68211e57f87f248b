// A Supervisor in the test process with its events collected and its processes tracked, and the
// shutdown + no-orphan check every supervisor test ends with.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Supervisor } from '../../src/supervisor/supervisor.js';
import { EventLog } from './events.js';
import { cleanup, track } from './processes.js';

const open = new Set<Supervisor>();

/** A new Supervisor with a temporary home; every pid it spawns is tracked for cleanup. */
export function supervised(options: { eventsFile?: string } = {}): {
  supervisor: Supervisor;
  log: EventLog;
  home: string;
} {
  const home = mkdtempSync(join(tmpdir(), 'resilab-sup-'));
  const supervisor = new Supervisor({ home, eventsFile: options.eventsFile ?? null });
  const log = new EventLog();
  supervisor.on('event', (e) => {
    if (e.type === 'spawn') track(e.pid ?? undefined);
    log.push(e);
  });
  open.add(supervisor);
  return { supervisor, log, home };
}

/** afterEach: shuts every supervisor down, then asserts no process was left for cleanup() to kill. */
export async function shutdownAll(): Promise<void> {
  for (const supervisor of open) await supervisor.shutdown();
  open.clear();
  expect(await cleanup()).toEqual([]);
}
