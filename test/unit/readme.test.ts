// The README is held to the code (fastify's habit): its error-code table is the registry, its metric
// table is the catalog, it names every built-in scenario and every command `resilab --help` lists.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRICS } from '../../src/catalog.js';
import { main } from '../../src/cli/main.js';
import { ALIASES, APP_KEYS } from '../../src/config/app-schema.js';
import { BUILTIN_SCENARIOS_DIR, listScenarios } from '../../src/config/scenario.js';
import { FAULT_KINDS } from '../../src/config/scenario-faults.js';
import { SUPERVISOR_KEYS } from '../../src/config/scenario-schema.js';
import { ERROR_CODES, EXIT } from '../../src/errors.js';
import { listedCommands } from '../helpers/help.js';
import { ROOT } from '../helpers/processes.js';

const README = readFileSync(`${ROOT}README.md`, 'utf8');

/** The text of a `## title` section, up to the next `## ` heading. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).toBeGreaterThan(-1);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** Table rows of a section whose first cell matches `first`, as arrays of trimmed cells. */
function rows(text: string, first: RegExp): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    )
    .filter((cells) => first.test(cells[0] ?? ''));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README', () => {
  it('lists exactly the error codes of ERROR_CODES, each with its exit code and meaning', () => {
    const table = rows(section('Error codes and exit codes'), /^`RESILAB_E_/);
    const listed = table.map(([code, exit, meaning]) => [
      code?.replaceAll('`', ''),
      Number(exit),
      meaning?.replaceAll('`', ''),
    ]);
    const registry = Object.entries(ERROR_CODES).map(([code, [exit, meaning]]) => [code, exit, meaning]);
    expect(listed).toEqual(registry);
  });

  it('explains every exit code resilab uses', () => {
    const codes = rows(section('Error codes and exit codes'), /^\d+$/).map(([code]) => Number(code));
    expect(codes.sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });

  it('defines exactly the metrics of the catalog', () => {
    const names = rows(section('Metrics'), /^`[a-z_0-9]+`/).flatMap(([cell]) =>
      [...(cell ?? '').matchAll(/`([a-z_0-9]+)`/g)].map((m) => m[1]),
    );
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(Object.keys(METRICS).sort());
  });

  it('documents every fault kind and every supervisor key a scenario accepts', () => {
    const scenario = section('Writing a scenario');
    const kinds = rows(scenario, /^`[a-z-]+`$/).map(([kind]) => kind?.replaceAll('`', ''));
    expect([...new Set(kinds)].filter((k) => FAULT_KINDS.includes(k as never))).toEqual([...FAULT_KINDS]);
    const missing = SUPERVISOR_KEYS.filter((key) => !new RegExp(`\\b${key}\\b`).test(scenario));
    expect(missing).toEqual([]);
  });

  it('documents every ecosystem key and alias the supervisor reads', () => {
    const supervisor = section('The supervisor');
    const keys = [...Object.keys(APP_KEYS), ...Object.keys(ALIASES)];
    expect(keys.filter((key) => !supervisor.includes(`\`${key}\``))).toEqual([]);
  });

  it('describes exactly the built-in scenarios of scenarios/*.yaml', async () => {
    const builtin = (await listScenarios(BUILTIN_SCENARIOS_DIR)).map((s) => s.name);
    const described = [...section('Built-in scenarios').matchAll(/^- \*\*([\w.-]+)\*\*:/gm)].map((m) => m[1]);
    expect(builtin.length).toBeGreaterThan(0);
    expect([...described].sort()).toEqual([...builtin].sort());
  });

  it('shows every command that `resilab --help` lists', async () => {
    let help = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      help += String(chunk);
      return true;
    });
    expect(await main(['node', 'resilab', '--help'])).toBe(0);
    vi.restoreAllMocks();
    const commands = listedCommands(help);
    expect(commands.length).toBeGreaterThan(20);
    const missing = commands.filter((name) => !new RegExp(`resilab ${name}\\b`).test(README));
    expect(missing).toEqual([]);
  });
});
