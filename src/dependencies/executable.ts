// Finding a dependency's executables: PATH first, then where packages put them off PATH (Debian's
// PostgreSQL lives in /usr/lib/postgresql/<version>/bin, Homebrew's in its opt/ folders). A missing
// one is bad input (exit 2) with how to install it, before anything starts.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { LabError } from '../errors.js';
import type { DependencySpec } from '../types.js';

/** Folders holding versioned folders of binaries: the newest version is tried first. */
const VERSIONED_DIRS: readonly { root: string; prefix: string; bin: string }[] = [
  { root: '/usr/lib/postgresql', prefix: '', bin: 'bin' },
  { root: '/opt/homebrew/opt', prefix: 'postgresql', bin: 'bin' },
  { root: '/usr/local/opt', prefix: 'postgresql', bin: 'bin' },
];

/** How to install the servers resilab knows, when the scenario does not say. */
const KNOWN_INSTALLS: Record<string, DependencySpec['install']> = {
  postgres: { debian: 'postgresql', brew: 'postgresql@16' },
  initdb: { debian: 'postgresql', brew: 'postgresql@16' },
  pg_ctl: { debian: 'postgresql', brew: 'postgresql@16' },
  'redis-server': { debian: 'redis-server', brew: 'redis' },
};

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folders searched after PATH, newest version first. */
export function extraDirs(): string[] {
  const dirs: string[] = [];
  for (const { root, prefix, bin } of VERSIONED_DIRS) {
    let names: string[] = [];
    try {
      names = readdirSync(root).filter((n) => n.startsWith(prefix));
    } catch {
      continue;
    }
    names.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    dirs.push(...names.map((n) => join(root, n, bin)));
  }
  return dirs;
}

/** The absolute path of `name` (PATH, then the package folders), or null. */
export function findExecutable(name: string, path = process.env.PATH ?? ''): string | null {
  if (isAbsolute(name)) return executable(name) ? name : null;
  for (const dir of [...path.split(delimiter).filter(Boolean), ...extraDirs()]) {
    const candidate = join(dir, name);
    if (executable(candidate)) return candidate;
  }
  return null;
}

/** "install it: apt-get install postgresql (Debian) or brew install postgresql@16 (Homebrew)". */
export function installHint(name: string, install: DependencySpec['install']): string {
  const known = KNOWN_INSTALLS[name.split('/').at(-1) ?? name];
  const debian = install.debian ?? known?.debian ?? null;
  const brew = install.brew ?? known?.brew ?? null;
  const ways = [
    debian ? `apt-get install ${debian} (Debian)` : null,
    brew ? `brew install ${brew} (Homebrew)` : null,
  ].filter((w): w is string => w !== null);
  return ways.length > 0 ? `install it: ${ways.join(' or ')}` : 'install it, or put it on PATH';
}

/** The dependency's command and init executables, resolved; a missing one → RESILAB_E_DEPENDENCY_MISSING. */
export function resolveExecutables(spec: DependencySpec): { command: string; init: string | null } {
  const find = (name: string, field: string) => {
    const found = findExecutable(name);
    if (found) return found;
    throw new LabError(
      'RESILAB_E_DEPENDENCY_MISSING',
      `dependencies.${spec.name}.${field}: executable "${name}" not found on PATH or in ${VERSIONED_DIRS.map((d) => d.root).join(', ')}; ${installHint(name, spec.install)}`,
    );
  };
  const command = find(spec.command[0] as string, 'command');
  const init = spec.init ? find(spec.init[0] as string, 'init') : null;
  return { command, init };
}
