// The default lab (`npm start`): the challenge, then crash recovery and restart vs reload, each
// with its report, and one reports/index.html that links them all. The first five minutes.
import { availableParallelism, cpus } from 'node:os';
import { join, relative } from 'node:path';
import {
  BUILTIN_SCENARIOS_DIR,
  headline,
  loadScenario,
  type Progress,
  quickScenario,
  runChallenge,
  runScenario,
  writeFiles,
} from '../../api.js';
import { type IndexEntry, renderIndex } from './index-page.js';

/** The scenarios the lab runs after the challenge, in order. */
export const LAB_SCENARIOS = ['crash-recovery', 'restart-vs-reload'] as const;
/** How much the lab shortens each scenario (quickScenario's factor): the whole lab fits in ~90 s. */
export const LAB_QUICK_FACTOR = 0.5;

export interface LabOptions {
  outDir: string;
  /** The challenge's app (sample-apps/http-app.js). */
  challengeApp: string;
  home: string;
  signal?: AbortSignal;
  onStep?: (title: string) => void;
  onProgress?: (progress: Progress) => void;
}

/** Runs the lab; resolves with the index page's path and each step's entry. */
export async function runLab(options: LabOptions): Promise<{ index: string; entries: IndexEntry[] }> {
  const startedAt = Date.now();
  const entries: IndexEntry[] = [];
  const link = (file: string) => relative(options.outDir, file).split('\\').join('/');

  options.onStep?.('The 10-million-loop challenge: one instance vs a cluster');
  const instances = Math.max(2, availableParallelism());
  const { result: challenge, html } = await runChallenge({
    loops: 10_000_000,
    requests: 2,
    instances,
    rounds: 3,
    curveMax: Math.min(4, instances * 2),
    curveMs: 1000,
    script: options.challengeApp,
    home: options.home,
    signal: options.signal,
    outDir: options.outDir,
    onProgress: (line) => options.onStep?.(line),
  });
  entries.push({
    title: 'The 10-million-loop challenge',
    headline: challenge.verdict.slice(0, 2).join(' '),
    href: link(html),
    pass: null,
  });

  for (const name of LAB_SCENARIOS) {
    options.signal?.throwIfAborted();
    const scenario = quickScenario(
      await loadScenario(join(BUILTIN_SCENARIOS_DIR, `${name}.yaml`)),
      LAB_QUICK_FACTOR,
    );
    options.onStep?.(`${scenario.name}: ${scenario.description.split('.')[0]}.`);
    const { results, dir } = await runScenario(scenario, {
      outDir: options.outDir,
      signal: options.signal,
      onProgress: options.onProgress,
    });
    entries.push({
      title: scenario.name,
      headline: headline(results),
      href: link(join(dir, 'report.html')),
      pass: results.thresholds.length === 0 ? null : results.thresholds.every((t) => t.pass),
    });
  }

  const index = join(options.outDir, 'index.html');
  const environment = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`;
  await writeFiles([{ path: index, data: renderIndex(entries, { startedAt, environment }) }]);
  return { index, entries };
}
