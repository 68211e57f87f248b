// One registry of coded errors: every failure a user can see has a stable code, an exit code and
// a message that names the field and the value. The README's error table is tested against it.

/** Exit codes (DESIGN.md): 0 ok, 1 threshold/regression, 2 bad input, 3 could not run. */
export const EXIT = { ok: 0, failed: 1, badInput: 2, cannotRun: 3, interrupted: 130 } as const;

/** code → [exit code, what it means]. Add new codes here, nowhere else. */
export const ERROR_CODES = {
  RESILAB_E_USAGE: [EXIT.badInput, 'a command-line flag or argument is wrong'],
  RESILAB_E_SCENARIO: [EXIT.badInput, 'a scenario file is invalid'],
  RESILAB_E_ECOSYSTEM: [EXIT.badInput, 'an ecosystem file is invalid'],
  RESILAB_E_SCRIPT_NOT_FOUND: [EXIT.badInput, 'an app script does not exist'],
  RESILAB_E_RESULTS: [EXIT.badInput, 'a results.json file is missing or invalid'],
  RESILAB_E_IPC_MESSAGE: [EXIT.badInput, 'a malformed IPC or socket message'],
  RESILAB_E_REMOTE_TARGET: [EXIT.badInput, 'a non-loopback target without --allow-remote-target'],
  RESILAB_E_UNKNOWN_APP: [EXIT.badInput, 'no app or instance with that name or id'],
  RESILAB_E_DUMP: [EXIT.badInput, 'the saved process list (dump) is corrupt'],
  RESILAB_E_DEPENDENCY_MISSING: [EXIT.badInput, "a scenario dependency's executable is not installed"],
  RESILAB_E_PM_NOT_FOUND: [
    EXIT.badInput,
    'a variant runs under PM2 and no PM2 was found (or RESILAB_PM2 names nothing runnable)',
  ],
  RESILAB_E_NOT_READY: [EXIT.cannotRun, 'an app never became ready (listen_timeout, crash on boot)'],
  RESILAB_E_PORT_IN_USE: [EXIT.cannotRun, 'a port is already in use'],
  RESILAB_E_SUPERVISOR: [EXIT.cannotRun, 'the supervisor failed or exited unexpectedly'],
  RESILAB_E_DAEMON: [EXIT.cannotRun, 'the background supervisor (daemon) cannot be reached'],
  RESILAB_E_VERSION_MISMATCH: [EXIT.cannotRun, 'the CLI and the daemon are different versions'],
  RESILAB_E_RUN_FAILED: [EXIT.cannotRun, 'a run could not be carried out'],
  RESILAB_E_THRESHOLD: [EXIT.failed, 'a threshold failed'],
  RESILAB_E_REGRESSION: [EXIT.failed, 'a regression against the baseline'],
  RESILAB_E_INTERRUPTED: [EXIT.interrupted, 'interrupted (Ctrl-C or SIGTERM); partial results were written'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error type resilab throws on purpose; anything else is a bug and shows its stack. */
export class LabError extends Error {
  readonly code: ErrorCode;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LabError';
    this.code = code;
    this.exitCode = ERROR_CODES[code][0];
  }
}

/** True for a LabError, also one that crossed a process boundary as {code, message}. */
export function isLabError(error: unknown): error is LabError {
  return error instanceof LabError;
}

/** Shows a value the way messages quote it: strings in double quotes, the rest as JSON. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A validation failure as zod reports it (structural: the ground layer does not load zod). */
export interface ValidationIssue {
  path: readonly PropertyKey[];
  message: string;
  /** zod's issue code; 'custom' marks resilab's own message, which is kept as written. */
  code?: string;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** `faults[1].crash.via`: a path under `what` (none: the path alone, `(file)` when it is empty too). */
export function issuePath(what: string, path: readonly PropertyKey[]): string {
  let text = what;
  for (const key of path)
    text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`;
  return text === '' ? '(file)' : text;
}

/**
 * The one way a failed validation becomes a message: `<what>.<path>: expected X, got <value>`
 * (`message.command.cmd: expected one of …, got "luanch"`); absent fields read `got nothing`.
 * resilab's own messages (custom issues, which name the value where it helps) are kept as written.
 */
export function describeIssue(what: string, issue: ValidationIssue | undefined, root: unknown): string {
  if (!issue) return `${what || '(file)'}: invalid`;
  const path = issuePath(what, issue.path);
  const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (issue.code === 'custom' || /, got /.test(expected)) return `${path}: ${expected}`;
  const value = valueAt(root, issue.path);
  return `${path}: ${expected}, got ${value === undefined ? 'nothing' : quote(value).slice(0, 80)}`;
}
