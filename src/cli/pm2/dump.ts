// `save` / `resurrect`: the running apps' resolved configs in $RESILAB_HOME/dump.json. Written
// atomically (temp file + rename); the dump it replaces is kept as dump.json.bak, and a corrupt
// dump is refused with RESILAB_E_DUMP instead of starting half a process list.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { describeIssue, LabError } from '../../errors.js';
import { appConfigSchema } from '../../protocol/commands.js';
import type { AppConfig } from '../../types.js';

/** The dump file's schema version. */
export const DUMP_VERSION = 1;

const dumpSchema = z.object({
  version: z.literal(DUMP_VERSION),
  saved_at: z.number(),
  apps: z.array(appConfigSchema),
});

/** The backup kept beside a dump. */
export function backupPath(file: string): string {
  return `${file}.bak`;
}

function parseDump(file: string, text: string): AppConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new LabError('RESILAB_E_DUMP', `${file}: not JSON (${(error as Error).message})`);
  }
  const result = dumpSchema.safeParse(raw);
  if (!result.success) throw new LabError('RESILAB_E_DUMP', describeIssue(file, result.error.issues[0], raw));
  return result.data.apps as unknown as AppConfig[];
}

/** The apps of a dump; a missing file → null, a corrupt one → RESILAB_E_DUMP naming the backup. */
export function readDump(file: string): AppConfig[] | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return parseDump(file, text);
  } catch (error) {
    if (!(error instanceof LabError) || !existsSync(backupPath(file))) throw error;
    throw new LabError(
      'RESILAB_E_DUMP',
      `${error.message}; the previous dump is kept in ${backupPath(file)}`,
    );
  }
}

/** Writes the dump atomically; a valid previous dump becomes the backup (a corrupt one never does). */
export function writeDump(file: string, apps: AppConfig[], savedAt: number): void {
  const text = `${JSON.stringify({ version: DUMP_VERSION, saved_at: savedAt, apps }, null, 2)}\n`;
  if (existsSync(file)) {
    let previousValid = true;
    try {
      parseDump(file, readFileSync(file, 'utf8'));
    } catch {
      previousValid = false;
    }
    if (previousValid) copyFileSync(file, backupPath(file));
  }
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  renameSync(temp, file);
}
