// The supervisor processes stay lean: what the daemon and the runner's supervisor host load at
// startup is walked here, import by import, from their entry files. Their RSS is a measured figure
// held against PM2's daemon (bench/pm2-compare.js): zod and yaml alone cost more than the whole
// margin, so they (and the config layer, which validates with them) must stay in the CLI and the runner.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');
const ENTRIES = ['host/daemon/main.ts', 'host/ipc-main.ts'];
/** Packages a supervisor must never load, not even lazily. */
const NEVER = ['zod', 'yaml', 'commander'];

/** The import specifiers of one file: static ones (types excluded) and dynamic ones apart. */
function importsOf(file: string): { statics: string[]; dynamics: string[] } {
  const text = readFileSync(file, 'utf8');
  const statics: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm))
    if (!m[2]) statics.push(m[3] as string);
  const dynamics = [...text.matchAll(/(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] as string,
  );
  return { statics, dynamics };
}

/** Every src file reached by static imports from `entry`, and the packages named on the way. */
function graph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const { statics, dynamics } = importsOf(file);
    for (const spec of statics) {
      if (spec.startsWith('.')) {
        const ts = resolve(dirname(file), spec).replace(/\.js$/, '.ts');
        visit(existsSync(ts) ? ts : resolve(dirname(file), spec));
      } else if (!spec.startsWith('node:')) packages.add(spec);
    }
    for (const spec of dynamics) if (!spec.startsWith('.') && !spec.startsWith('node:')) lazy.add(spec);
  };
  visit(resolve(SRC, entry));
  return { files: [...files].map((f) => relative(SRC, f)), packages: [...packages], lazy: [...lazy] };
}

describe('the supervisor processes load only what they serve', () => {
  for (const entry of ENTRIES) {
    it(`${entry}: no package at startup, no config or CLI file, never zod, yaml or commander`, () => {
      const { files, packages, lazy } = graph(entry);
      expect(files.length).toBeGreaterThan(10); // the walk did follow the imports
      expect(files).toContain('supervisor/supervisor.ts');
      expect(packages).toEqual([]);
      expect(files.filter((f) => f.startsWith('config/') || f.startsWith('cli/'))).toEqual([]);
      expect(lazy.filter((p) => NEVER.includes(p))).toEqual([]);
    });
  }

  it('the walk sees a static zod import (the check can fail)', () => {
    const { packages, files } = graph('protocol/commands.ts');
    expect(packages).toContain('zod');
    expect(files).toContain('protocol/commands.ts');
  });
});
