// The layers of HACKING.md, held by a test: every relative import in src/ is read (static, dynamic,
// require) and checked against what its folder may import, and the file graph has no cycle.
// A rule that no longer serves the code is changed here and in HACKING.md together.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** The ground: shared contracts every layer may use; they import only each other. */
const GROUND = new Set(['types.ts', 'errors.ts', 'clock.ts', 'units.ts', 'version.ts', 'catalog.ts']);

/** What each layer may import besides itself (the ground is always allowed). */
const RULES: Record<string, readonly string[]> = {
  ground: [],
  config: [],
  protocol: ['config'],
  supervisor: ['config'],
  host: ['config', 'protocol', 'supervisor'],
  load: ['config'],
  faults: ['config'],
  proxy: [],
  dependencies: ['config'],
  runner: ['config', 'protocol', 'load', 'faults', 'proxy', 'dependencies'],
  metrics: ['config'],
  report: ['config', 'metrics'],
  live: ['config', 'metrics', 'report'],
  export: ['config'],
  pipeline: ['config', 'runner', 'metrics', 'report', 'live'],
  api: [
    'config',
    'protocol',
    'supervisor',
    'host',
    'runner',
    'metrics',
    'report',
    'pipeline',
    'live',
    'export',
  ],
  suites: ['api'],
  index: ['api', 'suites'],
  cli: ['index', 'api', 'protocol'],
};

/** The layer of a file: the ground, the root entry points, or its top folder under src/. */
function layerOf(file: string): string {
  const rel = relative(SRC, file).split('\\').join('/');
  if (!rel.includes('/')) {
    if (GROUND.has(rel)) return 'ground';
    if (rel === 'index.ts') return 'index';
    if (rel === 'api.ts' || rel === 'supervise.ts') return 'api';
    return `(root file ${rel})`;
  }
  return rel.slice(0, rel.indexOf('/'));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|cts|cjs|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative imports of one file, resolved to the source file they name. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g),
    ...text.matchAll(/\brequire(?:\.resolve)?\(\s*['"](\.[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')));
}

/** Every import that crosses the rules, as "file (layer) → file (layer)". */
function violations(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const broken: string[] = [];
  for (const [file, targets] of imports) {
    const from = layerOf(file);
    const allowed = new Set([from, 'ground', ...(RULES[from] ?? [])]);
    for (const target of targets) {
      const to = layerOf(target);
      if (!allowed.has(to))
        broken.push(`${relative(SRC, file)} (${from}) → ${relative(SRC, target)} (${to})`);
    }
  }
  return broken;
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));

describe('layers', () => {
  it('knows the layer of every source file', () => {
    const unknown = files.map(layerOf).filter((layer) => !(layer in RULES));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('lets each layer import only what HACKING.md allows', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('has no cycle between files', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open')
          cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(SRC, f)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('would fail on the imports the structural step removed', () => {
    const old = (file: string, line: string): [string, string[]] => [
      join(SRC, file),
      importsOf(join(SRC, file), line),
    ];
    const before = new Map([
      old('supervisor/foreground.ts', "const { serveControl } = await import('../host/daemon/server.js');"),
      old('host/daemon/server.ts', "import { version } from '../../cli/version.js';"),
      old('cli/pm2/control.ts', "import { loadEcosystem } from '../../config/ecosystem.js';"),
      old('runner/write.ts', "import { writeReports } from '../report/writer.js';"),
      old('suites/ci/run-ci.ts', "import { runScenario } from '../../pipeline/scenario.js';"),
    ]);
    expect(violations(before)).toHaveLength(5);
  });
});
