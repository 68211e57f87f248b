// One ecosystem app entry → a resolved AppConfig: aliases, unknown keys (one warning), every key
// read at once (one message listing each problem), PM2's defaults, and paths made absolute.
import { statSync } from 'node:fs';
import { basename, extname, isAbsolute, resolve } from 'node:path';
import { LabError, quote } from '../errors.js';
import type { AppConfig, ExecMode } from '../types.js';
import { ALIASES, APP_KEYS, appSchema, DEFAULTS, issueLines, type ParsedApp } from './app-schema.js';
import { envValues, instanceCount } from './readers.js';

/** Where an entry came from and how to resolve it. */
export interface ResolveOptions {
  /** The entry's path in messages: `apps[0]`, or `app` for a script given on the command line. */
  where: string;
  /** Relative `cwd` is resolved against this (the ecosystem file's directory, or the shell's cwd). */
  baseDir: string;
  /** `--env <name>`: merges `env_<name>` over `env`. */
  env?: string;
  /** $RESILAB_HOME; default log files live under it (see supervisor/logs.ts logPaths). */
  home: string;
}

/** Names `list` and the commands reserve: 'all' and global ids. */
const RESERVED_NAME = /^(all|\d+)$/;

/** Validates one app entry and applies defaults; throws RESILAB_E_ECOSYSTEM or RESILAB_E_SCRIPT_NOT_FOUND. */
export function resolveApp(raw: unknown, options: ResolveOptions): { app: AppConfig; warnings: string[] } {
  const { where } = options;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new LabError('RESILAB_E_ECOSYSTEM', `${where}: expected an app object, got ${quote(raw)}`);
  }
  const entry = withAliases(raw as Record<string, unknown>);
  const warnings: string[] = [];
  const unknown = Object.keys(entry).filter((key) => !isKnownKey(key));
  if (unknown.length > 0) warnings.push(`${where}: unknown keys ignored: ${unknown.map(quote).join(', ')}`);

  const parsed = appSchema.safeParse(entry);
  const problems = parsed.success ? [] : issueLines(where, parsed.error.issues, entry);
  let selectedEnv: Record<string, string> = {};
  if (options.env !== undefined) {
    const key = `env_${options.env}`;
    if (entry[key] === undefined)
      warnings.push(`${where}: no ${key} for --env ${options.env}: using env only`);
    else {
      const read = envValues.read(entry[key]);
      if (read) selectedEnv = read;
      else problems.push(`${where}.${key}: expected ${envValues.expected}, got ${quote(entry[key])}`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new LabError('RESILAB_E_ECOSYSTEM', problems.join('\n'));
  const app = parsed.data as ParsedApp;

  const cwd = resolve(options.baseDir, app.cwd ?? '.');
  if (!isDirectory(cwd))
    throw new LabError('RESILAB_E_ECOSYSTEM', `${where}.cwd: no such directory ${quote(cwd)}`);
  if (app.script === undefined) {
    throw new LabError('RESILAB_E_SCRIPT_NOT_FOUND', `${where}.script: missing (the file to run)`);
  }
  const script = resolve(cwd, app.script);
  if (!isFile(script)) {
    throw new LabError('RESILAB_E_SCRIPT_NOT_FOUND', `${where}.script: no such file ${quote(script)}`);
  }
  const name = app.name ?? basename(script, extname(script));
  if (RESERVED_NAME.test(name)) {
    throw new LabError(
      'RESILAB_E_ECOSYSTEM',
      `${where}.name: ${quote(name)} is reserved (all, or a number: ids)`,
    );
  }
  const interpreter = resolveInterpreter(app.interpreter, cwd);
  const execMode = resolveExecMode(app, interpreter);
  return {
    app: {
      ...DEFAULTS,
      ...definedOnly(app),
      name,
      script,
      cwd,
      interpreter,
      instances: instanceCount(app.instances ?? 1),
      exec_mode: execMode,
      env: { ...(app.env ?? {}), ...selectedEnv },
      out_file: logPath(app.out_file, cwd),
      error_file: logPath(app.error_file, cwd),
    },
    warnings,
  };
}

/** PM2's rule (Common.sink.determineExecMode): `instances` set (>= 1, 0, -1, 'max') without exec_mode on node → cluster. */
export function resolveExecMode(
  app: Pick<ParsedApp, 'exec_mode' | 'instances'>,
  interpreter: string,
): ExecMode {
  if (app.exec_mode) return app.exec_mode;
  const n = app.instances;
  const wantsCluster = n === 'max' || (n !== undefined && (n >= 1 || n === 0 || n === -1));
  return wantsCluster && interpreter === process.execPath ? 'cluster' : 'fork';
}

/** 'node' (or none) → this Node; a path → absolute; a bare command name is left for PATH lookup. */
function resolveInterpreter(interpreter: string | undefined, cwd: string): string {
  if (interpreter === undefined || interpreter === 'node' || interpreter === 'nodejs')
    return process.execPath;
  return interpreter.includes('/') ? resolve(cwd, interpreter) : interpreter;
}

/** Log paths are absolute; '/dev/null' (disabled) and null (the default under $RESILAB_HOME) stay. */
function logPath(path: string | null | undefined, cwd: string): string | null {
  if (path === undefined || path === null) return null;
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function withAliases(entry: Record<string, unknown>): Record<string, unknown> {
  const result = { ...entry };
  for (const [alias, key] of Object.entries(ALIASES)) {
    if (alias in result) {
      if (!(key in result)) result[key] = result[alias];
      delete result[alias];
    }
  }
  return result;
}

function isKnownKey(key: string): boolean {
  return key in APP_KEYS || key === 'env' || key.startsWith('env_');
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}
