// runChallenge end to end: measure (runner) → compute the medians, speed-up and verdict (metrics)
// → write challenge.json and every report once (report), into <outDir>/challenge/<timestamp>/.
import { join } from 'node:path';
import { computeChallenge } from '../metrics/challenge.js';
import { runDir } from '../report/run-dir.js';
import { writeReports } from '../report/writer.js';
import { type ChallengeOptions, measureChallenge } from '../runner/challenge.js';
import type { ChallengeResult } from '../types.js';

/** Options of runChallenge: the measurement's, and where the reports go. */
export interface RunChallengeOptions extends ChallengeOptions {
  /** Reports go to <outDir>/challenge/<timestamp>/. Default ./reports. */
  outDir?: string;
}

/** Runs the challenge and writes its reports; resolves with the figures, the folder and report.html. */
export async function runChallenge(
  options: RunChallengeOptions,
): Promise<{ result: ChallengeResult; dir: string; html: string }> {
  const record = await measureChallenge(options);
  const result = computeChallenge(record);
  const { dir } = await writeReports(
    result,
    runDir(options.outDir ?? 'reports', 'challenge', record.started_at),
  );
  return { result, dir, html: join(dir, 'report.html') };
}
