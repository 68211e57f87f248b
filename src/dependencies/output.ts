// A dependency's output: the last lines kept for error messages, and a watch for the line that says
// it is ready. Placeholders in its command ({port}, {data_dir}) and env ({host}, {port}) are filled here.
import type { ChildProcess } from 'node:child_process';

const KEEP_LINES = 20;

/** The server's recent output and a one-shot watch for a text in it. */
export interface Output {
  tail(): string;
  on(text: string, found: () => void): void;
  off(): void;
}

/** Watches a child's stdout and stderr (both: PostgreSQL logs to stderr). */
export function outputOf(child: ChildProcess | null): Output {
  const lines: string[] = [];
  let watch: { text: string; found: () => void } | null = null;
  let partial = '';
  const read = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > KEEP_LINES) lines.shift();
      if (watch && line.includes(watch.text)) {
        const { found } = watch;
        watch = null;
        found();
      }
    }
  };
  child?.stdout?.on('data', read);
  child?.stderr?.on('data', read);
  return {
    tail: () =>
      [...lines, partial]
        .filter(Boolean)
        .map((l) => `  ${l}`)
        .join('\n') || '  (no output)',
    on(text, found) {
      watch = { text, found };
    },
    off() {
      watch = null;
    },
  };
}

/** Replaces `{key}` for each key given; other braces are left as they are. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
