// `resilab export k6 <scenario>`: writes a k6 script and the k6-operator manifests for a scenario,
// for load from more machines than one. Generated only: resilab never runs k6.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { LabError } from '../errors.js';
import { locate } from './run.js';

interface K6Flags {
  out: string;
  variant?: string;
  baseUrl?: string;
  parallelism: string;
}

/** Registers `export` and its `k6` subcommand. */
export function register(program: Command): void {
  const group = program
    .command('export')
    .description('generate files for other tools from a scenario: k6 script + k6-operator TestRun')
    .addHelpText('after', '\nExample:\n  $ resilab export k6 crash-recovery --out k6');
  group
    .command('k6')
    .description('write <out>/<scenario>/script.js (k6) and testrun.yaml (k6-operator); nothing is run')
    .argument('<scenario>', 'a scenario file or the name of a built-in scenario')
    .option('--out <dir>', 'where the files go: <dir>/<scenario>/', 'k6')
    .option('--variant <name>', "the variant whose thresholds apply (default: the scenario's first)")
    .option(
      '--base-url <url>',
      'where the k6 runners reach the app (default: http://resilab-<scenario>:3000)',
    )
    .option('--parallelism <n>', 'k6 runner pods sharing the load (TestRun spec.parallelism)', '1')
    .addHelpText(
      'after',
      '\nExample:\n  $ resilab export k6 crash-recovery --variant cluster --base-url http://my-app:3000 --parallelism 4',
    )
    .action(async (name: string, flags: K6Flags) => {
      const api = await import('../index.js');
      const scenario = await api.loadScenario(
        await locate(name, api.BUILTIN_SCENARIOS_DIR, api.listScenarios),
      );
      const parallelism = Number(flags.parallelism);
      if (!/^\d+$/.test(flags.parallelism.trim()))
        throw new LabError(
          'RESILAB_E_USAGE',
          `--parallelism: expected a whole number >= 1, got ${JSON.stringify(flags.parallelism)}`,
        );
      const { files } = api.exportK6(scenario, {
        variant: flags.variant,
        baseUrl: flags.baseUrl,
        parallelism,
      });
      const dir = join(flags.out, scenario.name);
      await mkdir(dir, { recursive: true });
      for (const file of files) await writeFile(join(dir, file.name), file.content);
      process.stdout.write(
        `${files.map((f) => join(dir, f.name)).join('\n')}\n` +
          'Generated, not run. Apply with the k6-operator installed: kubectl apply -f ' +
          `${join(dir, 'testrun.yaml')}\n`,
      );
    });
}
