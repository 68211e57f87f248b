// `resilab runtime <target>` flags → ecosystem keys, checked at the boundary so a bad flag is named
// as the user typed it (`--instances: expected …`) and exits 2 before anything starts.
import { LabError, quote } from '../errors.js';
import { APP_KEYS } from './app-schema.js';
import type { Reader } from './readers.js';

/** The flags of `resilab runtime` (commander's camelCase names) that set ecosystem keys. */
export interface RuntimeFlags {
  instances?: string;
  name?: string;
  env?: string;
  maxMemoryRestart?: string;
  restartDelay?: string;
  expBackoffRestartDelay?: string;
  maxRestarts?: string;
  minUptime?: string;
  killTimeout?: string;
  listenTimeout?: string;
  waitReady?: boolean;
  autorestart?: boolean;
  watch?: boolean;
  cronRestart?: string;
  args?: string[];
}

/** Flag → the ecosystem key it overrides. `env` is not here: it selects env_<name>. */
const FLAG_KEYS = {
  instances: 'instances',
  name: 'name',
  maxMemoryRestart: 'max_memory_restart',
  restartDelay: 'restart_delay',
  expBackoffRestartDelay: 'exp_backoff_restart_delay',
  maxRestarts: 'max_restarts',
  minUptime: 'min_uptime',
  killTimeout: 'kill_timeout',
  listenTimeout: 'listen_timeout',
  waitReady: 'wait_ready',
  autorestart: 'autorestart',
  watch: 'watch',
  cronRestart: 'cron_restart',
  args: 'args',
} as const satisfies Record<Exclude<keyof RuntimeFlags, 'env'>, keyof typeof APP_KEYS>;

/** The ecosystem keys the given flags set, as raw values (they win over the file's, as in PM2). */
export function flagOverrides(flags: RuntimeFlags): Record<string, unknown> {
  const overrides: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [flag, key] of Object.entries(FLAG_KEYS)) {
    const value = flags[flag as keyof typeof FLAG_KEYS];
    if (value === undefined) continue;
    const reader = APP_KEYS[key] as Reader<unknown>;
    if (reader.read(value) === null) {
      problems.push(`${flagName(flag)}: expected ${reader.expected}, got ${quote(value)}`);
    } else overrides[key] = value;
  }
  if (problems.length > 0) throw new LabError('RESILAB_E_USAGE', problems.join('\n'));
  return overrides;
}

/** maxMemoryRestart → --max-memory-restart. */
function flagName(flag: string): string {
  return `--${flag.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
