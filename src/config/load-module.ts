// Loads an ecosystem file the way PM2 users write them: .json, .yml/.yaml, CommonJS (.js/.cjs, through
// require so `module.exports` works) and ES modules (.mjs, or a .js in a "type": "module" package).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LabError, quote } from '../errors.js';
import { parseJsonWithComments } from './json-comments.js';

const require = createRequire(import.meta.url);

/** The value an ecosystem file exports (or contains, for JSON); RESILAB_E_ECOSYSTEM when it cannot be read. */
export async function loadConfigModule(file: string): Promise<unknown> {
  try {
    const ext = extname(file);
    if (ext === '.json') return parseJsonWithComments(await readFile(file, 'utf8'), file);
    if (ext === '.yml' || ext === '.yaml') {
      // Loaded only for YAML files: the long-lived supervisor process should not carry the parser.
      const { parse } = await import('yaml');
      return parse(await readFile(file, 'utf8'));
    }
    if (ext === '.mjs') return unwrap(await import(`${pathToFileURL(file).href}?t=${Date.now()}`));
    return await loadCommonJs(file);
  } catch (error) {
    if (error instanceof LabError) throw error;
    const reason = (error as Error).message?.split('\n')[0] ?? String(error);
    throw new LabError(
      'RESILAB_E_ECOSYSTEM',
      `${quote(file)}: cannot be loaded${lineOf(error, file)}: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/** require() a fresh copy (a daemon may load the same file again after it changed); ESM falls back to import. */
async function loadCommonJs(file: string): Promise<unknown> {
  const resolved = require.resolve(file);
  delete require.cache[resolved];
  try {
    return unwrap(require(resolved));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    return unwrap(await import(`${pathToFileURL(file).href}?t=${Date.now()}`));
  }
}

/** An ES module namespace → its default export, or its named exports (`export const apps = …`). */
function unwrap(module: unknown): unknown {
  if (Object.prototype.toString.call(module) !== '[object Module]') return module;
  const namespace = module as Record<string, unknown>;
  return namespace.default !== undefined ? namespace.default : { ...namespace };
}

/** ` at line N` for a syntax error in the file itself (Node puts `<file>:<line>` first in the stack). */
function lineOf(error: unknown, file: string): string {
  const stack = (error as Error)?.stack ?? '';
  const first = stack.split('\n')[0] ?? '';
  const match = first.startsWith(file) ? /:(\d+)$/.exec(first) : null;
  return match ? ` at line ${match[1]}` : '';
}
