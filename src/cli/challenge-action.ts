// What `resilab challenge` does once its flags are valid: run, print, and stop cleanly on Ctrl-C.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { now } from '../clock.js';
import { EXIT } from '../errors.js';
import type { ChallengeOptions } from '../index.js';
import { onInterrupt } from './interrupt.js';

/** Each scaling-curve point's load. */
const CURVE_MS = 1500;

/** Runs the challenge and writes its output; resolves to the exit code. */
export async function runChallengeCommand(
  options: Pick<ChallengeOptions, 'loops' | 'requests' | 'instances' | 'rounds' | 'curveMax' | 'manager'>,
  output: { json: boolean; outDir: string; live?: boolean },
): Promise<number> {
  const api = await import('../index.js');
  const home = await mkdtemp(join(tmpdir(), 'resilab-home-'));
  const interrupt = onInterrupt();
  const tty = process.stderr.isTTY === true;
  const live = output.live ? await api.startLiveServer({ title: 'the 10-million-loop challenge' }) : null;
  if (live) process.stderr.write(`live view: ${live.url}\n`);
  const progress = (line: string) => {
    process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    live?.sink({ type: 'phase', phase: line, total_ms: null, t: now() });
  };
  try {
    const { result, html } = await api.runChallenge({
      ...options,
      outDir: output.outDir,
      curveMs: CURVE_MS,
      script: api.CHALLENGE_APP,
      home,
      signal: interrupt.signal,
      onProgress: progress,
      onLive: live?.sink,
    });
    if (tty) process.stderr.write('\r\x1b[2K');
    if (output.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.stderr.write(`report: ${html}\n`);
    } else {
      process.stdout.write(
        api.renderChallenge(result, { color: process.stdout.isTTY === true, reportPath: html }),
      );
    }
    return EXIT.ok;
  } catch (error) {
    if (interrupt.signal.aborted) {
      process.stderr.write('\nresilab: challenge interrupted; every process was stopped\n');
      return EXIT.interrupted;
    }
    throw error;
  } finally {
    await live?.close({ partial: interrupt.signal.aborted });
    interrupt.release();
    await rm(home, { recursive: true, force: true });
  }
}
