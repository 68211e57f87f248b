// A resolved AppConfig built from the same DEFAULTS table the ecosystem loader applies, so
// supervisor, metric and report tests need not go through ecosystem parsing.
import { resolve } from 'node:path';
import { DEFAULTS } from '../../src/config/app-schema.js';
import type { AppConfig } from '../../src/types.js';

/** An AppConfig for script with DESIGN.md's defaults, overridden by `over`. */
export function appConfig(script: string, over: Partial<AppConfig> = {}): AppConfig {
  return {
    ...structuredClone(DEFAULTS),
    name: 'app',
    script: resolve(script),
    cwd: resolve('.'),
    interpreter: process.execPath,
    instances: 1,
    exec_mode: 'fork',
    env: {},
    ...over,
  };
}
