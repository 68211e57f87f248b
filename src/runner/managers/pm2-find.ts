// Finds the user's PM2 at run time: RESILAB_PM2, else the project's node_modules (from the working
// directory up), else a `pm2` on PATH (a global install). Never bundled: PM2 is AGPL-3.0, and the
// point is to measure the version the user runs. A RESILAB_PM2 that names nothing runnable is an
// error, never a fallback to another PM2.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { LabError } from '../../errors.js';

/** The PM2 package a run drives: its directory (to require) and version (for results.json). */
export interface Pm2Install {
  path: string;
  version: string;
}

/** The message users see when no PM2 is found. */
export const PM2_MISSING = 'pm2 not found: npm install --save-dev pm2 to compare';

/** The pm2 package directory at or above a file (bin/pm2, node_modules/.bin/pm2, the package itself). */
function packageOf(start: string): Pm2Install | null {
  let dir = statSync(start).isDirectory() ? start : dirname(start);
  for (let i = 0; i < 4; i += 1) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pm2' && typeof pkg.version === 'string' && existsSync(join(dir, 'index.js')))
        return { path: dir, version: pkg.version };
    }
    dir = dirname(dir);
  }
  return null;
}

function real(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/** The user's PM2, or a coded error (exit 2). */
export function findPm2(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Pm2Install {
  const named = env.RESILAB_PM2;
  if (named !== undefined && named !== '') {
    const path = real(resolve(cwd, named));
    const found = path ? packageOf(path) : null;
    if (!found)
      throw new LabError(
        'RESILAB_E_PM_NOT_FOUND',
        `RESILAB_PM2: ${JSON.stringify(named)} is not a runnable pm2 (expected the pm2 package directory or its bin/pm2)`,
      );
    return found;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const local = real(join(dir, 'node_modules', 'pm2'));
    const found = local ? packageOf(local) : null;
    if (found) return found;
    if (dirname(dir) === dir) break;
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const bin = real(join(dir, 'pm2'));
    const found = bin ? packageOf(bin) : null;
    if (found) return found;
  }
  throw new LabError('RESILAB_E_PM_NOT_FOUND', PM2_MISSING);
}
