// Turns zod's issues into the lines a user reads: `path: message`, one per problem, with one line
// per unknown key so each typo is named where it is.
import type { z } from 'zod';
import { describeIssue, issuePath } from '../errors.js';
import { UNKNOWN_KEY } from './scenario-shapes.js';

/** `faults[1].crash.via` from ['faults', 1, 'crash', 'via']; the root is `(file)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return issuePath('', path);
}

/** One `path: expected …, got …` line per problem, in the order zod met them (the one describeIssue). */
export function issueLines(issues: readonly z.core.$ZodIssue[], root: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.message.startsWith(UNKNOWN_KEY)) {
      for (const key of issue.keys) lines.push(`${formatPath([...issue.path, key])}: ${issue.message}`);
    } else {
      lines.push(describeIssue('', issue, root));
    }
  }
  return lines;
}
