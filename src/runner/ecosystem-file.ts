// The ecosystem file a variant runs: the scenario's script (or the user's ecosystem entry) with the
// scenario's and the variant's supervisor keys, exec_mode/instances and the port in env. Written as
// JSON into the run's temporary directory and handed to `resilab runtime`.
import { writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { loadConfigModule } from '../config/load-module.js';
import { LabError, quote } from '../errors.js';
import type { ScenarioApp, Variant } from '../types.js';

type Entry = Record<string, unknown>;

/** The first app of the user's ecosystem file, with its script and cwd made absolute. */
export async function ecosystemEntry(file: string): Promise<Entry> {
  const loaded = await loadConfigModule(file);
  const apps = Array.isArray(loaded) ? loaded : (loaded as { apps?: unknown } | null)?.apps;
  const first = Array.isArray(apps) ? (apps[0] as unknown) : undefined;
  if (!first || typeof first !== 'object') {
    throw new LabError(
      'RESILAB_E_ECOSYSTEM',
      `${file}: apps: expected a list with at least one app, got ${quote(apps)}`,
    );
  }
  const entry = { ...(first as Entry) };
  const base = dirname(file);
  const cwd = typeof entry.cwd === 'string' ? resolve(base, entry.cwd) : base;
  entry.cwd = cwd;
  if (typeof entry.script === 'string' && !isAbsolute(entry.script))
    entry.script = resolve(cwd, entry.script);
  return entry;
}

/** The app entry of one variant, PM2 key names, listening on 127.0.0.1:`port`. Pure. */
export function variantEntry(
  app: ScenarioApp,
  variant: Variant,
  base: Entry | null,
  port: number,
  dependencyEnv: Record<string, string> = {},
): Entry {
  const script = variant.script ?? app.script ?? (base?.script as string | undefined);
  const baseEnv = (base?.env as Record<string, string> | undefined) ?? {};
  return {
    name: (base?.name as string | undefined) ?? 'app',
    ...base,
    ...app.supervisor,
    ...variant.supervisor,
    ...(script ? { script } : {}),
    cwd: (base?.cwd as string | undefined) ?? (script ? dirname(script) : process.cwd()),
    exec_mode: variant.exec_mode,
    instances: variant.instances,
    env: { ...dependencyEnv, ...baseEnv, ...app.env, ...variant.env, PORT: String(port), HOST: '127.0.0.1' },
  };
}

/** Writes `{ apps: [entry] }` into dir and returns the file's path. */
export async function writeEcosystem(dir: string, variantName: string, entry: Entry): Promise<string> {
  const file = join(dir, `${variantName.replace(/[^\w.-]/g, '_')}.ecosystem.json`);
  await writeFile(file, `${JSON.stringify({ apps: [entry] }, null, 2)}\n`);
  return file;
}
