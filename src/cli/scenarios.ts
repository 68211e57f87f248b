// `resilab scenarios`: the built-in scenarios with what each shows, so a student can pick one to run.
import type { Command } from 'commander';

type Row = { name: string; description: string; file: string };

/** Registers `resilab scenarios [--json]`. */
export function register(program: Command): void {
  program
    .command('scenarios')
    .description('list the built-in scenarios and what each one shows')
    .option('--json', 'print them as JSON (name, description, file)')
    .action(async (options: { json?: boolean }) => {
      const { BUILTIN_SCENARIOS_DIR, listScenarios } = await import('../index.js');
      const rows = await listScenarios(BUILTIN_SCENARIOS_DIR);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(rows, null, 2)}\n`
          : formatScenarios(rows, process.stdout.columns ?? 100),
      );
    });
}

/** The list as terminal text: each name, then its description wrapped to the width and indented. */
export function formatScenarios(rows: readonly Row[], width: number): string {
  if (rows.length === 0) return 'No built-in scenarios found.\n';
  const nameWidth = Math.max(...rows.map((r) => r.name.length)) + 2;
  const textWidth = Math.max(30, Math.min(width, 110) - nameWidth);
  const lines: string[] = [];
  for (const row of rows) {
    const wrapped = wrap(row.description || '(no description)', textWidth);
    lines.push(...wrapped.map((line, i) => `${(i === 0 ? row.name : '').padEnd(nameWidth)}${line}`));
  }
  lines.push('', 'Run one with: resilab run <name>   (--quick for a run of a few seconds per variant)');
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
