// One ecosystem app entry → a resolved AppConfig: aliases, unknown keys (one warning), every key
// read at once (one message listing each problem), PM2's defaults, and paths made absolute.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { LabError, quote } from '../errors.js';
import type { AppConfig, ExecMode } from '../types.js';
import { ALIASES, APP_KEYS, appSchema, DEFAULTS, issueLines, type ParsedApp } from './app-schema.js';
import { usableCpus } from './cpus.js';
import { envValues, instanceCount } from './readers.js';
import { resolveScript } from './script-command.js';
import { unknownKeyWarnings } from './unknown-keys.js';

/** Where an entry came from and how to resolve it. */
export interface ResolveOptions {
  /** The entry's path in messages: `apps[0]`, or `app` for a script given on the command line. */
  where: string;
  /** Relative `cwd` and `script` are resolved against this: where resilab runs, as `pm2 start` does. */
  baseDir: string;
  /** Looked in second (the ecosystem file's directory), so files written for resilab < 0.2 keep working. */
  fallbackDir?: string;
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
  if (entry.name === '') delete entry.name; // PM2 names an app without a name after its script
  const known = [...Object.keys(APP_KEYS), 'env'];
  const warnings = unknownKeyWarnings(
    where,
    Object.keys(entry).filter((key) => !isKnownKey(key)),
    known,
  );
  const fail = (code: 'RESILAB_E_ECOSYSTEM' | 'RESILAB_E_SCRIPT_NOT_FOUND', lines: string[]): never => {
    // The warnings are part of the message: a typo is often why the start failed.
    throw new LabError(code, [...lines, ...warnings.map((w) => `(warning) ${w}`)].join('\n'));
  };

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
  if (!parsed.success || problems.length > 0) return fail('RESILAB_E_ECOSYSTEM', problems);
  const app = parsed.data as ParsedApp;

  const cwd = resolveCwd(app.cwd, app.script, options);
  if (cwd === null)
    return fail('RESILAB_E_ECOSYSTEM', [
      `${where}.cwd: no such directory ${quote(resolve(options.baseDir, app.cwd ?? '.'))} (relative to where resilab runs, as PM2)`,
    ]);
  if (app.script === undefined) {
    return fail('RESILAB_E_SCRIPT_NOT_FOUND', [`${where}.script: missing (the file or command to run)`]);
  }
  let command: ReturnType<typeof resolveScript>;
  try {
    command = resolveScript(
      { script: app.script, args: app.args ?? [], interpreter: app.interpreter },
      { where, cwd, fallback: options.fallbackDir ?? null },
    );
  } catch (error) {
    if (!(error instanceof LabError)) throw error;
    return fail(error.code as 'RESILAB_E_ECOSYSTEM', [error.message]);
  }
  const name = app.name ?? command.defaultName ?? basename(command.script, extname(command.script));
  if (RESERVED_NAME.test(name)) {
    return fail('RESILAB_E_ECOSYSTEM', [`${where}.name: ${quote(name)} is reserved (all, or a number: ids)`]);
  }
  const execMode = resolveExecMode(app, command.interpreter);
  if (execMode === 'cluster' && !isNodeInterpreter(command.interpreter)) {
    return fail('RESILAB_E_ECOSYSTEM', [
      `${where}.exec_mode: cluster mode runs Node apps only, got interpreter ${quote(command.interpreter)} for ${quote(command.script)}`,
    ]);
  }
  const env: Record<string, string> = { ...(app.env ?? {}), ...selectedEnv };
  if (app.port !== undefined) env.PORT = String(app.port); // PM2: `port` becomes env.PORT
  if (command.interpreter.includes('python')) env.PYTHONUNBUFFERED = '1'; // as PM2, so lines arrive as written
  return {
    app: {
      ...DEFAULTS,
      ...definedOnly(app),
      name,
      script: command.script,
      args: command.args,
      cwd,
      interpreter: command.interpreter,
      instances: instanceCount(app.instances ?? 1, usableCpus()),
      exec_mode: execMode,
      env,
      out_file: logPath(app.out_file, cwd),
      error_file: logPath(app.error_file, cwd),
      log_file:
        app.log_file === true ? join(options.home, 'logs', `${name}.log`) : logPath(app.log_file, cwd),
      pid_file: logPath(app.pid_file, cwd),
      ready_on_port: command.readyOnPort,
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
  return wantsCluster && isNodeInterpreter(interpreter) ? 'cluster' : 'fork';
}

/** PM2's test: an interpreter whose name ends in `node` (node, nodejs' path, ts-node) gets cluster mode. */
function isNodeInterpreter(interpreter: string): boolean {
  return interpreter === process.execPath || /node(js)?$/.test(basename(interpreter));
}

/**
 * `cwd` against where resilab runs (PM2), else against the file's directory; null when neither
 * exists. Without `cwd`, an app whose script is only found next to the file runs there.
 */
function resolveCwd(
  cwd: string | undefined,
  script: string | undefined,
  options: ResolveOptions,
): string | null {
  const first = resolve(options.baseDir, cwd ?? '.');
  if (cwd === undefined && script && options.fallbackDir && !isAbsolute(script)) {
    if (!exists(resolve(first, script)) && exists(resolve(options.fallbackDir, script)))
      return options.fallbackDir;
  }
  if (isDirectory(first)) return first;
  if (cwd !== undefined && options.fallbackDir && !isAbsolute(cwd)) {
    const second = resolve(options.fallbackDir, cwd);
    if (isDirectory(second)) return second;
  }
  return null;
}

/** Log and pid paths: absolute, `~` is the home directory, 'NULL' and '/dev/null' discard (as PM2). */
function logPath(path: string | null | undefined, cwd: string): string | null {
  if (path === undefined || path === null) return null;
  if (path === 'NULL' || path === '/dev/null') return '/dev/null';
  const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
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

function exists(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false }) !== undefined;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
