// What `resilab lab` does: runs the lab with progress on stderr, prints each verdict and the index
// page's path, and stops everything cleanly on Ctrl-C.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHALLENGE_APP } from '../challenge/command.js';
import { progressPrinter } from '../cli/progress.js';
import { EXIT, LabError } from '../errors.js';
import { runLab } from './run-lab.js';

/** Runs the lab; resolves to the exit code (1 when a scenario's threshold failed). */
export async function runLabCommand(outDir: string): Promise<number> {
  const home = await mkdtemp(join(tmpdir(), 'resilab-home-'));
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) =>
    controller.abort(new LabError('RESILAB_E_INTERRUPTED', `interrupted by ${signal}`));
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const printer = progressPrinter(process.stderr);
  try {
    const { index, entries } = await runLab({
      outDir: resolve(outDir),
      challengeApp: CHALLENGE_APP,
      home,
      signal: controller.signal,
      onStep: (title) => process.stderr.write(`\n▶ ${title}\n`),
      onProgress: printer.update,
    });
    printer.done();
    const lines = entries.map((entry) => {
      const mark = entry.pass === null ? '•' : entry.pass ? '✔' : '✘';
      return `${mark} ${entry.title}: ${entry.headline}`;
    });
    process.stdout.write(`\n${lines.join('\n')}\n\nAll reports: ${index}\n`);
    return entries.some((entry) => entry.pass === false) ? EXIT.failed : EXIT.ok;
  } catch (error) {
    printer.done();
    if (controller.signal.aborted) {
      process.stderr.write('\nresilab: lab interrupted; every process was stopped\n');
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await rm(home, { recursive: true, force: true });
  }
}
