// Turns the first zod issue into one line that names the field and the value received, the way
// every resilab message does (`message.command.cmd: expected one of …, got "luanch"`).
import { quote } from '../errors.js';

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function pathText(what: string, path: PropertyKey[]): string {
  let text = what;
  for (const key of path) text += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return text;
}

/** `<what>.<path>: <zod's message>, got <value>`; the value is left out when the field is absent. */
export function describeIssue(what: string, issue: Issue | undefined, root: unknown): string {
  if (!issue) return `${what}: invalid`;
  const value = valueAt(root, issue.path);
  const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  const got = value === undefined ? 'nothing' : quote(value).slice(0, 80);
  return `${pathText(what, issue.path)}: ${expected}, got ${got}`;
}
