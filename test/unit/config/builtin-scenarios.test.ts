// Every built-in scenario (scenarios/*.yaml, and scenarios/ci/ when it exists) is valid and tells a
// student what it shows: loadScenario accepts it, a top-level one is named after its file, and its
// description is more than a title.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../../src/catalog.js';
import { BUILTIN_SCENARIOS_DIR, loadScenario } from '../../../src/config/scenario.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'];
const dirs = [BUILTIN_SCENARIOS_DIR, join(BUILTIN_SCENARIOS_DIR, 'ci')].filter(existsSync);
const files = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => EXTENSIONS.includes(extname(f)))
    .map((f) => join(dir, f)),
);

describe('built-in scenarios', () => {
  it('include the lessons of the course', () => {
    const names = files.map((f) => basename(f, extname(f)));
    for (const name of [
      'cluster-vs-single',
      'cluster-vs-single-hello',
      'crash-recovery',
      'restart-vs-reload',
      'memory-leak',
      'crash-loop',
      'graceful-shutdown',
      'hung-process',
      'db-outage',
    ])
      expect(names).toContain(name);
  });

  it.each(files.map((f) => [f.slice(BUILTIN_SCENARIOS_DIR.length + 1), f]))(
    '%s parses and describes itself',
    async (_, file) => {
      const scenario = await loadScenario(file);
      // `resilab run <name>` finds a top-level built-in by its file name, as `resilab scenarios` lists it
      if (dirname(file) === BUILTIN_SCENARIOS_DIR) expect(scenario.name).toBe(basename(file, extname(file)));
      expect(scenario.description.length).toBeGreaterThanOrEqual(80);
      expect(scenario.variants.length).toBeGreaterThanOrEqual(1);
      for (const t of scenario.expect) expect(Object.keys(METRICS)).toContain(t.metric);
      // every fault fires inside the load, also in --quick form
      for (const f of scenario.faults) expect(f.at_ms).toBeLessThan(scenario.load.duration_ms);
    },
  );
});
