// What `resilab challenge` does once its flags are valid: run, print, and stop cleanly on Ctrl-C.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, LabError } from '../errors.js';
import { type ChallengeOptions, runChallenge } from './run.js';
import { renderChallenge } from './terminal.js';
import { writeChallenge } from './write.js';

/** http-app from the package's sample apps, wherever resilab is installed. */
export const CHALLENGE_APP = fileURLToPath(new URL('../../sample-apps/http-app.js', import.meta.url));
/** Each scaling-curve point's load. */
const CURVE_MS = 1500;

/** Runs the challenge and writes its output; resolves to the exit code. */
export async function runChallengeCommand(
  options: Pick<ChallengeOptions, 'loops' | 'requests' | 'instances' | 'rounds' | 'curveMax'>,
  output: { json: boolean; outDir: string },
): Promise<number> {
  const startedAt = Date.now();
  const home = await mkdtemp(join(tmpdir(), 'resilab-home-'));
  const controller = new AbortController();
  const interrupt = (signal: NodeJS.Signals) =>
    controller.abort(new LabError('RESILAB_E_INTERRUPTED', `interrupted by ${signal}`));
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const tty = process.stderr.isTTY === true;
  const progress = (line: string) => process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  try {
    const result = await runChallenge({
      ...options,
      curveMs: CURVE_MS,
      script: CHALLENGE_APP,
      home,
      signal: controller.signal,
      onProgress: progress,
    });
    if (tty) process.stderr.write('\r\x1b[2K');
    const written = await writeChallenge(result, output.outDir, startedAt);
    if (output.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.stderr.write(`report: ${written.html}\n`);
    } else {
      process.stdout.write(
        renderChallenge(result, { color: process.stdout.isTTY === true, reportPath: written.html }),
      );
    }
    return EXIT.ok;
  } catch (error) {
    if (controller.signal.aborted) {
      process.stderr.write('\nresilab: challenge interrupted; every process was stopped\n');
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await rm(home, { recursive: true, force: true });
  }
}
