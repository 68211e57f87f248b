// An unknown key in an ecosystem app is either a typo of a key resilab reads (say which one was
// meant) or a PM2 feature resilab does not act on (say so, so nobody believes it works).
import { quote } from '../errors.js';

/** PM2 7.x app keys (its schema and docs) that resilab accepts but does not act on, with why. */
const PM2_ONLY: Record<string, string> = {
  watch_delay: 'resilab waits for 250 ms of quiet instead',
  watch_options: "resilab's watcher takes no chokidar options",
  source_map_support: 'pass --enable-source-maps in node_args',
  disable_source_map_support: 'source maps are off unless node_args enable them',
  name_prefix: 'names are used as written',
  install_url: 'no modules',
  disable_logs: "use out_file: '/dev/null'",
  log_type: 'logs are lines (log_date_format, time)',
  vizion: 'no version metadata',
  autostart: 'apps always start',
  execute_command: 'use exec_mode',
  force: 'names are unique',
  filter_env: 'the whole environment is passed',
  env_file: "load it in the file (require('dotenv'))",
  namespace: 'no namespaces',
  append_env_to_name: 'names are used as written',
  post_update: 'no pm2 deploy',
  deploy: 'no pm2 deploy',
  trace: 'no keymetrics',
  disable_trace: 'no keymetrics',
  v8: 'no keymetrics',
  event_loop_inspector: 'no keymetrics',
  deep_monitoring: 'no keymetrics',
  pmx: 'no keymetrics',
  automation: 'no keymetrics',
  treekill: 'the process tree is always ended',
  username: 'run resilab as that user',
  user: 'run resilab as that user',
  uid: 'run resilab as that user',
  gid: 'run resilab as that group',
  windowsHide: 'no Windows support',
  kill_retry_time: 'SIGKILL follows kill_timeout',
  write: 'no keymetrics',
  io: 'no keymetrics',
};

/** One warning line per kind: unknown keys (with the key a typo is closest to), then PM2-only keys. */
export function unknownKeyWarnings(where: string, unknown: string[], known: readonly string[]): string[] {
  const typos: string[] = [];
  const pm2Only: string[] = [];
  for (const key of unknown) {
    if (key in PM2_ONLY) pm2Only.push(`${quote(key)} (${PM2_ONLY[key]})`);
    else {
      const near = nearest(key, known);
      typos.push(near ? `${quote(key)} (did you mean ${quote(near)}?)` : quote(key));
    }
  }
  const lines: string[] = [];
  if (typos.length > 0) lines.push(`${where}: unknown keys ignored: ${typos.join(', ')}`);
  if (pm2Only.length > 0)
    lines.push(`${where}: PM2 keys resilab does not act on, ignored: ${pm2Only.join(', ')}`);
  return lines;
}

/** The known key within an edit distance of 2 (1 for short keys), or null. */
export function nearest(key: string, known: readonly string[]): string | null {
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const d = distance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance (insert, delete, substitute, each 1). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
