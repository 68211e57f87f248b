// What `script` and `interpreter` name, resolved as PM2 does: a file (relative to where resilab
// runs), else a command on PATH; a command line with spaces runs through bash -c; the interpreter
// comes from the extension (.sh → bash, .py → python …), and a binary runs by itself ('none').
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { delimiter, extname, isAbsolute, join, resolve } from 'node:path';
import { LabError, quote } from '../errors.js';

/** PM2's interpreter by extension (lib/API/interpreter.json); .ts is handled on its own. */
const BY_EXTENSION: Record<string, string> = {
  '.sh': 'bash',
  '.py': 'python',
  '.rb': 'ruby',
  '.php': 'php',
  '.pl': 'perl',
  '.js': 'node',
  '.cjs': 'node',
  '.mjs': 'node',
};

/** A resolved script: the file to run, its args, and what runs it ('none' = the file itself). */
export interface ScriptCommand {
  script: string;
  args: string[];
  interpreter: string;
  /** The name PM2 gives a command line app (the line itself), when it has no name. */
  defaultName: string | null;
  /** True when the Node agent cannot be relied on (another interpreter, or a command that starts Node later). */
  readyOnPort: boolean;
}

/** Where relative names are looked for, in order: the directory resilab runs in (PM2's rule), then the file's. */
export interface ScriptPlaces {
  where: string;
  cwd: string;
  fallback: string | null;
  env?: NodeJS.ProcessEnv;
}

/** Resolves `script` (+ args) and `interpreter`; RESILAB_E_SCRIPT_NOT_FOUND / RESILAB_E_ECOSYSTEM naming where it looked. */
export function resolveScript(
  raw: { script: string; args: string[]; interpreter?: string },
  places: ScriptPlaces,
): ScriptCommand {
  const { where, cwd } = places;
  const env = places.env ?? process.env;
  if (raw.script.includes(' ') && !fileAt(raw.script, places)) {
    // PM2 (Common.verifyConfs): `script: "node server.js"` → bash -c "<line>"; its args are replaced.
    const shell = which('bash', env) ?? which('sh', env);
    if (!shell)
      throw new LabError(
        'RESILAB_E_SCRIPT_NOT_FOUND',
        `${where}.script: no bash or sh on PATH to run ${quote(raw.script)}`,
      );
    return {
      script: shell,
      args: ['-c', raw.script],
      interpreter: 'none',
      defaultName: raw.script,
      readyOnPort: true,
    };
  }
  const file = fileAt(raw.script, places);
  const command = file ? null : isAbsolute(raw.script) ? null : which(raw.script, env);
  const script = file ?? command;
  if (!script) {
    const also =
      places.fallback && places.fallback !== cwd ? `, then next to the file: ${places.fallback}` : '';
    throw new LabError(
      'RESILAB_E_SCRIPT_NOT_FOUND',
      `${where}.script: no such file ${quote(resolve(cwd, raw.script))} (relative names are read from ${cwd}, as PM2 does${also}) and no command ${quote(raw.script)} on PATH`,
    );
  }
  const interpreter = resolveInterpreter(raw.interpreter, script, { where, cwd, env });
  const isNode = interpreter === process.execPath;
  return {
    script,
    args: raw.args,
    interpreter,
    defaultName: null,
    readyOnPort: !isNode || command !== null,
  };
}

/** 'node' → this Node; 'none' → the file runs by itself; a name → its path on PATH; none given → by extension. */
function resolveInterpreter(
  given: string | undefined,
  script: string,
  { where, cwd, env }: { where: string; cwd: string; env: NodeJS.ProcessEnv },
): string {
  let name = given;
  if (name === undefined) {
    const ext = extname(script);
    if (ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts') {
      throw new LabError(
        'RESILAB_E_ECOSYSTEM',
        `${where}.interpreter: ${quote(script)} is TypeScript and this Node (${process.version}) cannot run it: set interpreter (e.g. 'ts-node') or node_args ('--require ts-node/register')`,
      );
    }
    name = BY_EXTENSION[ext] ?? (looksLikeNode(script) ? 'node' : 'none');
    if (name === 'python' && !which('python', env) && which('python3', env)) name = 'python3';
  }
  if (name === 'node' || name === 'nodejs') return process.execPath;
  if (name === 'none') return 'none';
  if (name.includes('/')) {
    const path = resolve(cwd, name);
    if (!isExecutable(path))
      throw new LabError('RESILAB_E_ECOSYSTEM', `${where}.interpreter: no such program ${quote(path)}`);
    return path;
  }
  const found = which(name, env);
  if (!found) {
    throw new LabError(
      'RESILAB_E_ECOSYSTEM',
      `${where}.interpreter: ${quote(name)} is not on PATH${given === undefined ? ` (chosen for ${quote(extname(script))} files, as PM2 does)` : ''}`,
    );
  }
  return found;
}

/** The absolute path of a relative or absolute file name, in the first place it exists. */
function fileAt(name: string, places: ScriptPlaces): string | null {
  const candidates = isAbsolute(name)
    ? [name]
    : [resolve(places.cwd, name), ...(places.fallback ? [resolve(places.fallback, name)] : [])];
  return candidates.find((path) => statSync(path, { throwIfNoEntry: false })?.isFile()) ?? null;
}

/** The first executable `name` on PATH, or null. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (name.includes('/')) return isExecutable(name) ? resolve(name) : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, name);
    if (isExecutable(path)) return path;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A text file without a shebang, or with one naming node, is a Node script; anything else runs by itself. */
function looksLikeNode(path: string): boolean {
  const head = Buffer.alloc(256);
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const n = readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n);
    if (text.includes(0)) return false; // a binary (ELF …)
    const first = text.toString('utf8').split('\n')[0] ?? '';
    return !first.startsWith('#!') || /\bnode\b/.test(first);
  } catch {
    return true;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
