// Where resilab keeps its state: logs, the daemon's socket and pid file, the saved process list.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$RESILAB_HOME`, default `~/.resilab`, as an absolute path. */
export function resilabHome(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.RESILAB_HOME;
  return configured ? resolve(configured) : join(homedir(), '.resilab');
}
