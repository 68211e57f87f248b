// A resolved AppConfig built by hand with every default of DESIGN.md, so supervisor tests need not
// go through ecosystem parsing.
import { resolve } from 'node:path';
import { DEFAULT_KILL_TIMEOUT_MS } from '../../src/supervisor/stop.js';
import type { AppConfig } from '../../src/types.js';

/** An AppConfig for script with DESIGN.md's defaults, overridden by `over`. */
export function appConfig(script: string, over: Partial<AppConfig> = {}): AppConfig {
  const path = resolve(script);
  return {
    name: over.name ?? 'app',
    script: path,
    args: [],
    cwd: resolve('.'),
    interpreter: process.execPath,
    node_args: [],
    instances: 1,
    exec_mode: 'fork',
    env: {},
    autorestart: true,
    stop_exit_codes: [],
    min_uptime: 1000,
    max_restarts: 16,
    restart_delay: 0,
    exp_backoff_restart_delay: 0,
    exp_backoff_max_delay: 15_000,
    exp_backoff_reset_after: 30_000,
    max_memory_restart: null,
    memory_check_interval: 1000,
    kill_timeout: DEFAULT_KILL_TIMEOUT_MS,
    listen_timeout: 3000,
    wait_ready: false,
    shutdown_with_message: false,
    out_file: null,
    error_file: null,
    merge_logs: false,
    log_date_format: null,
    time: false,
    instance_var: 'NODE_APP_INSTANCE',
    watch: false,
    ignore_watch: [],
    reload_concurrency: 1,
    max_log_size: null,
    retain: 30,
    ...over,
  };
}
