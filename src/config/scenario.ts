// Scenario files (DESIGN.md "Scenario files"): YAML (JSON is YAML) → a validated, resolved Scenario.
// Every problem of a file is reported at once, one `path: message` line each, in one LabError.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { LabError, quote } from '../errors.js';
import type { Scenario } from '../types.js';
import { crossCheck } from './scenario-checks.js';
import { issueLines } from './scenario-issues.js';
import { type ParsedScenario, scenarioSchema } from './scenario-schema.js';

export { listScenarios } from './scenario-list.js';
export { quickScenario } from './scenario-quick.js';

/** The package root (src/config/ and dist/config/ are both two levels down). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the built-in scenarios live, so `resilab run crash-recovery` works from any directory. */
export const BUILTIN_SCENARIOS_DIR: string = join(PACKAGE_ROOT, 'scenarios');

/** Reads YAML text into a Scenario; throws one LabError RESILAB_E_SCENARIO listing every problem. */
export function parseScenario(text: string, options: { file: string | null; baseDir: string }): Scenario {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw invalid(
      options.file,
      document.errors.map((e) => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : 'somewhere';
        return `YAML syntax error at ${where}: ${e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`;
      }),
    );
  }
  const raw: unknown = document.toJS();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw invalid(options.file, [
      `(file): expected a mapping of scenario keys (name, app, …), got ${quote(raw ?? undefined)}`,
    ]);
  const input = { ...(raw as Record<string, unknown>) };
  const probeOff = input.probe === false;
  if (probeOff) delete input.probe;
  const parsed = scenarioSchema.safeParse(input);
  const problems = [
    ...(parsed.success ? [] : issueLines(parsed.error.issues, input)),
    ...crossCheck(input),
    ...fileProblems(input, options),
  ];
  if (!parsed.success || problems.length > 0) throw invalid(options.file, problems);
  return resolveScenario(parsed.data, probeOff, options);
}

/** Reads and parses a scenario file; paths in it are relative to its directory. */
export async function loadScenario(file: string): Promise<Scenario> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LabError(
      'RESILAB_E_SCENARIO',
      `cannot read scenario file ${quote(path)}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return parseScenario(text, { file: path, baseDir: dirname(path) });
}

function invalid(file: string | null, problems: string[]): LabError {
  const head = file ? `invalid scenario ${file}` : 'invalid scenario';
  return new LabError('RESILAB_E_SCENARIO', `${head}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

/** Absolute against the file's directory; a `sample-apps/…` path missing there falls back to the package's. */
function appPath(path: string, baseDir: string): string {
  if (isAbsolute(path)) return path;
  const local = resolve(baseDir, path);
  if (existsSync(local)) return local;
  const builtin = resolve(PACKAGE_ROOT, path);
  return path.replace(/^\.\//, '').startsWith('sample-apps/') && existsSync(builtin) ? builtin : local;
}

/** Scripts and ecosystem files that do not exist, and a missing name or app entry point. */
function fileProblems(
  raw: Record<string, unknown>,
  options: { file: string | null; baseDir: string },
): string[] {
  const problems: string[] = [];
  const check = (path: unknown, where: string) => {
    if (typeof path !== 'string' || path.trim() === '') return;
    const absolute = appPath(path, options.baseDir);
    if (!existsSync(absolute)) problems.push(`${where}: no such file ${quote(absolute)}`);
  };
  if (raw.name === undefined && options.file === null)
    problems.push('name: required (the scenario has no file to take it from)');
  const app = raw.app as Record<string, unknown> | undefined;
  if (app && typeof app === 'object') {
    if ((app.script == null) === (app.ecosystem == null))
      problems.push('app: expected exactly one of "script" or "ecosystem"');
    check(app.script, 'app.script');
    check(app.ecosystem, 'app.ecosystem');
  }
  if (Array.isArray(raw.variants))
    raw.variants.forEach((v: unknown, i) => {
      if (v && typeof v === 'object') check((v as Record<string, unknown>).script, `variants[${i}].script`);
    });
  return problems;
}

function resolveScenario(
  data: ParsedScenario,
  probeOff: boolean,
  options: { file: string | null; baseDir: string },
): Scenario {
  const absolute = (path: string | null) => (path === null ? null : appPath(path, options.baseDir));
  const fromFile = options.file ? basename(options.file, extname(options.file)) : 'scenario';
  const app = { ...data.app, script: absolute(data.app.script), ecosystem: absolute(data.app.ecosystem) };
  const variants = data.variants.map((v) => ({ ...v, script: absolute(v.script) }));
  const l = data.load;
  return {
    name: data.name ?? fromFile,
    description: data.description.trim(),
    file: options.file,
    app,
    variants,
    load: {
      path: l.path,
      method: l.method,
      connections: l.connections,
      duration_ms: l.duration,
      warmup_ms: l.warmup,
      pipelining: l.pipelining,
      rate: l.rate,
      timeout_ms: l.timeout,
    },
    probe: probeOff
      ? null
      : { path: data.probe.path, interval_ms: data.probe.interval, timeout_ms: data.probe.timeout },
    faults: [...data.faults].sort((a, b) => a.at_ms - b.at_ms),
    expect: data.expect,
    host: data.host,
  };
}
