// What `resilab lab` does: runs the lab with progress on stderr, prints each verdict and the index
// page's path, and stops everything cleanly on Ctrl-C.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT } from '../errors.js';
import { onInterrupt } from './interrupt.js';
import { progressPrinter } from './progress.js';

/** Runs the lab; resolves to the exit code (1 when a scenario's threshold failed). */
export async function runLabCommand(outDir: string): Promise<number> {
  const api = await import('../index.js');
  const home = await mkdtemp(join(tmpdir(), 'resilab-home-'));
  const interrupt = onInterrupt();
  const printer = progressPrinter(process.stderr);
  try {
    const { index, entries } = await api.runLab({
      outDir: resolve(outDir),
      challengeApp: api.CHALLENGE_APP,
      home,
      signal: interrupt.signal,
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
    if (interrupt.signal.aborted) {
      process.stderr.write('\nresilab: lab interrupted; every process was stopped\n');
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    interrupt.release();
    await rm(home, { recursive: true, force: true });
  }
}
