// `--events <file>`: every supervisor event as one JSON line, appended synchronously so the file is
// complete up to the last event even if the supervisor is killed.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SupervisorEvent } from '../types.js';

/** Appends events to a JSON-lines file (created empty at start). */
export class EventsFile {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
  }

  write(event: SupervisorEvent): void {
    appendFileSync(this.path, `${JSON.stringify(event)}\n`);
  }
}
