// `resilab list` (and its aliases, and `jlist`) without commander and the other command groups:
// the command people run in a loop, from scripts and `watch`, measured against `pm2 jlist`
// (bench/pm2-compare.js). Loading every group's file costs about a quarter of its CPU time.
// Anything more than the bare words and `--json` goes through the full CLI, help and errors included.

const LIST_WORDS = new Set(['list', 'ls', 'status']);

/** The list options when argv is exactly a list command (with --json at most); otherwise null. */
export function fastListOptions(argv: string[]): { json: boolean } | null {
  const [command, ...rest] = argv.slice(2);
  if (command === undefined || rest.some((arg) => arg !== '--json')) return null;
  if (command === 'jlist') return rest.length === 0 ? { json: true } : null;
  return LIST_WORDS.has(command) ? { json: rest.length > 0 } : null;
}

/** Runs the list; errors are reported as the full CLI reports them. Resolves the exit code. */
export async function fastList(options: { json: boolean }): Promise<number> {
  try {
    await (await import('./pm2/control.js')).list(options);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return (await import('./main.js')).report(error, false);
  }
}
