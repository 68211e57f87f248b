// Lists the scenario files of a directory by name and description without validating them, so one
// broken file does not hide the others (it is listed as unreadable; `run` reports its problems).
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { LabError, quote } from '../errors.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

/** The scenario files of a directory with their name and description (unreadable ones say so). */
export async function listScenarios(
  dir: string,
): Promise<{ name: string; description: string; file: string }[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    throw new LabError('RESILAB_E_USAGE', `cannot list scenarios in ${quote(dir)}: ${error.message}`);
  });
  const files = names.filter((n) => EXTENSIONS.includes(extname(n))).map((n) => join(resolve(dir), n));
  const rows = await Promise.all(
    files.map(async (file) => {
      const document = parseDocument(await readFile(file, 'utf8'));
      const data = (document.errors.length === 0 ? document.toJS() : null) as Record<string, unknown> | null;
      const name = typeof data?.name === 'string' ? data.name : basename(file, extname(file));
      const description =
        document.errors.length > 0
          ? `(unreadable: ${document.errors[0]?.message.split('\n')[0]})`
          : typeof data?.description === 'string'
            ? data.description.trim()
            : '';
      return { name, description, file };
    }),
  );
  return rows.sort((a, b) => a.name.localeCompare(b.name));
}
