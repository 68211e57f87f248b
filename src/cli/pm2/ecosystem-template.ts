// `resilab ecosystem` (PM2's `pm2 ecosystem` / `pm2 init`): a commented ecosystem.config.js in the
// current directory, never over an existing file (exit 2).
import { linkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '../../errors.js';

/** The file name PM2 uses. */
export const ECOSYSTEM_FILE = 'ecosystem.config.js';

/** The template: PM2's keys, resilab's defaults, one comment per key. */
export const ECOSYSTEM_TEMPLATE = `// resilab / PM2 ecosystem file: \`resilab start ecosystem.config.js [--env production]\`.
// The same file works with pm2. Every key is optional except name and script.
// (In a package with "type": "module", rename this file to ecosystem.config.cjs.)
module.exports = {
  apps: [
    {
      name: 'app', // shown by list, logs, monit; the name for stop/restart/reload/delete
      script: './app.js', // relative to this file's directory
      args: [], // arguments after the script (\`resilab start app.js -- --port 3000\`)
      instances: 1, // a number, 'max' (one per CPU) or -1 (CPUs - 1)
      exec_mode: 'fork', // 'cluster' shares one port between instances and allows zero-downtime reload
      autorestart: true, // restart when it exits
      max_restarts: 16, // unstable exits (uptime < min_uptime) before the app is 'errored'
      min_uptime: 1000, // ms an instance must stay up to count as started
      restart_delay: 0, // ms to wait before a restart
      exp_backoff_restart_delay: 0, // > 0: restart delay grows ×1.5 per crash, from this many ms
      max_memory_restart: '150M', // restart an instance above this RSS (checked every second)
      kill_timeout: 1600, // ms between SIGINT and SIGKILL on stop
      listen_timeout: 3000, // ms to wait for 'listening' (or 'ready' with wait_ready) on reload
      wait_ready: false, // true: the app calls process.send('ready') when it can serve
      env: {
        NODE_ENV: 'development',
      },
      env_production: {
        // merged over env with \`--env production\`
        NODE_ENV: 'production',
      },
    },
  ],
};
`;

/** Writes the template into `dir`; an existing file → RESILAB_E_USAGE, and it is left untouched. */
export function writeEcosystemTemplate(dir: string): string {
  const file = join(dir, ECOSYSTEM_FILE);
  const temp = join(dir, `.${ECOSYSTEM_FILE}.${process.pid}.tmp`);
  writeFileSync(temp, ECOSYSTEM_TEMPLATE);
  try {
    // link() fails if the name exists: an atomic "create, never overwrite".
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new LabError('RESILAB_E_USAGE', `ecosystem: ${file} already exists; not overwriting it`);
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return file;
}
