// The resolved AppConfig of a variant's ecosystem file, as the supervisor will run it: recorded in
// results.json so a report shows exactly which settings produced a figure.
import { loadEcosystem } from '../config/ecosystem.js';
import type { AppConfig } from '../types.js';

/** Reads and resolves the ecosystem file the runner just wrote; warnings are the loader's (unknown keys). */
export async function resolveApps(
  file: string,
  home: string,
): Promise<{ apps: AppConfig[]; warnings: string[] }> {
  return loadEcosystem(file, { home });
}
