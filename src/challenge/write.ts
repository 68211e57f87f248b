// The challenge's files: challenge.json (everything, to re-read), report.html and charts/*.png,
// each written atomically into <outDir>/challenge/<timestamp>/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeAtomic } from '../report/atomic.js';
import { runDir } from '../report/run-dir.js';
import { renderChallengeHtml, renderChallengePngs } from './report.js';
import type { ChallengeResult } from './types.js';

/** Writes the challenge's report files; resolves with the folder and report.html's path. */
export async function writeChallenge(
  result: ChallengeResult,
  outDir: string,
  startedAt: number,
): Promise<{ dir: string; html: string }> {
  const dir = runDir(outDir, 'challenge', startedAt);
  const html = renderChallengeHtml(result);
  const pngs = await renderChallengePngs(result);
  await mkdir(join(dir, 'charts'), { recursive: true });
  await writeAtomic(join(dir, 'challenge.json'), `${JSON.stringify(result, null, 2)}\n`);
  await writeAtomic(join(dir, 'report.html'), html);
  for (const chart of pngs) await writeAtomic(join(dir, 'charts', `${chart.name}.png`), chart.png);
  return { dir, html: join(dir, 'report.html') };
}
