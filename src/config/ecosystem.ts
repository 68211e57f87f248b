// Ecosystem files and `resilab runtime` targets → AppConfig[]: PM2's files work unchanged, CLI flags
// override file values (as in PM2), and every problem is one coded error naming the path and value.
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { LabError, quote } from '../errors.js';
import type { AppConfig } from '../types.js';
import { loadConfigModule } from './load-module.js';
import { resolveApp } from './resolve-app.js';
import { flagOverrides, type RuntimeFlags } from './runtime-flags.js';

export { type ResolveOptions, resolveApp } from './resolve-app.js';
export type { RuntimeFlags } from './runtime-flags.js';

/** Apps with the warnings to print before starting them (unknown keys, unknown env name). */
export interface ResolvedApps {
  apps: AppConfig[];
  warnings: string[];
}

const CONFIG_NAME = /(\.config\.(js|cjs|mjs|json)|\.json|\.ya?ml)$|^ecosystem/;
const EXPORTS_APPS =
  /(module\.exports\s*=\s*\{\s*apps\b|exports\.apps\s*=|export\s+(default\s*\{\s*apps\b|const\s+apps\b))/;

/** PM2's naming rule (also .yml/.yaml process files), plus a file whose source visibly exports `apps` (read, never executed). */
export function isEcosystemFile(file: string): boolean {
  if (CONFIG_NAME.test(basename(file))) return true;
  if (!['.js', '.cjs', '.mjs'].includes(extname(file))) return false;
  try {
    return EXPORTS_APPS.test(readFileSync(file, 'utf8').slice(0, 100_000));
  } catch {
    return false;
  }
}

/** `resilab runtime <target> [flags]`: an ecosystem file or a script, with the flags applied over it. */
export async function appsFromTarget(
  target: string,
  flags: RuntimeFlags,
  options: { cwd: string; home: string },
): Promise<ResolvedApps> {
  const overrides = flagOverrides(flags);
  const path = resolve(options.cwd, target);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    throw new LabError('RESILAB_E_SCRIPT_NOT_FOUND', `${quote(target)}: no such file ${quote(path)}`);
  }
  if (!isEcosystemFile(path)) {
    const { app, warnings } = resolveApp(
      { script: path, ...overrides },
      { where: 'app', baseDir: options.cwd, env: flags.env, home: options.home },
    );
    return { apps: [app], warnings };
  }
  const entries = entriesOf(await loadConfigModule(path), path);
  if (overrides.name !== undefined && entries.length > 1) {
    throw new LabError(
      'RESILAB_E_USAGE',
      `--name: cannot give one name to the ${entries.length} apps of ${path}`,
    );
  }
  return resolveEntries(
    entries.map((entry) => ({ ...(entry as object), ...overrides })),
    path,
    { env: flags.env, home: options.home, cwd: options.cwd },
  );
}

/** Reads an ecosystem file: `{ apps: [...] }`, an array of apps, or one app object. */
export async function loadEcosystem(
  file: string,
  options: { env?: string; home: string; cwd?: string },
): Promise<ResolvedApps> {
  const path = resolve(file);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    throw new LabError('RESILAB_E_ECOSYSTEM', `ecosystem file: no such file ${quote(path)}`);
  }
  return resolveEntries(entriesOf(await loadConfigModule(path), path), path, options);
}

/** The app entries of a loaded file, or RESILAB_E_ECOSYSTEM naming what was found instead. */
function entriesOf(loaded: unknown, file: string): unknown[] {
  const record = typeof loaded === 'object' && loaded !== null ? (loaded as Record<string, unknown>) : null;
  const entries = Array.isArray(loaded)
    ? loaded
    : record && 'apps' in record
      ? record.apps
      : record && 'script' in record
        ? [record]
        : undefined;
  if (!Array.isArray(entries)) {
    const found = record && 'apps' in record ? `apps: ${quote(record.apps)}` : quote(loaded);
    throw new LabError(
      'RESILAB_E_ECOSYSTEM',
      `${file}: expected { apps: [...] }, an array of apps or one app with a script, got ${found}`,
    );
  }
  if (entries.length === 0)
    throw new LabError('RESILAB_E_ECOSYSTEM', `${file}: apps: expected at least one app, got []`);
  return entries;
}

/** Resolves every entry, gathering every problem of every app into one message. */
function resolveEntries(
  entries: unknown[],
  file: string,
  options: { env?: string; home: string; cwd?: string },
): ResolvedApps {
  const { cwd, ...rest } = options;
  const apps: AppConfig[] = [];
  const warnings: string[] = [];
  const problems: LabError[] = [];
  entries.forEach((entry, index) => {
    try {
      // Relative names as `pm2 start` reads them: from where resilab runs, then next to the file.
      const resolved = resolveApp(entry, {
        where: `apps[${index}]`,
        baseDir: cwd ?? process.cwd(),
        fallbackDir: dirname(file),
        ...rest,
      });
      if (apps.some((app) => app.name === resolved.app.name)) {
        problems.push(
          new LabError(
            'RESILAB_E_ECOSYSTEM',
            `apps[${index}].name: ${quote(resolved.app.name)} is used twice`,
          ),
        );
      }
      apps.push(resolved.app);
      warnings.push(...resolved.warnings);
    } catch (error) {
      if (!(error instanceof LabError)) throw error;
      problems.push(error);
    }
  });
  if (problems.length === 0) return { apps, warnings };
  // A file with schema problems is reported as such; only missing scripts → SCRIPT_NOT_FOUND.
  const code = problems.some((p) => p.code === 'RESILAB_E_ECOSYSTEM')
    ? 'RESILAB_E_ECOSYSTEM'
    : problems[0]!.code;
  const lines = problems.flatMap((p) => p.message.split('\n'));
  const message =
    lines.length === 1
      ? `${file}: ${lines[0]}`
      : `${file}: ${lines.length} problems:\n  ${lines.join('\n  ')}`;
  throw new LabError(code, message);
}
