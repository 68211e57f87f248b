// What `resilab ci` reports besides each run's own reports: the baseline comparison as JUnit
// testcases, and one Markdown verdict for the whole CI run. Pure.
import {
  type Comparison,
  effectText,
  headline,
  type JunitSuite,
  measured,
  thresholdVerdict,
  verdictCounts,
} from '../../api.js';
import type { Results } from '../../types.js';

/** One scenario of a CI run: its results (or why it could not run) and its baseline comparison. */
export interface CiEntry {
  scenario: string;
  file: string;
  /** The last trial's results (the one shown), or null when it could not run. */
  results: Results | null;
  /** Every trial's results, in run order; each trial's thresholds must hold. */
  trials: Results[];
  dir: string | null;
  error: string | null;
  /** null when no baseline of this scenario was given. */
  comparison: Comparison[] | null;
}

/** A suite of baseline comparisons: one testcase per metric measured in either run, failed when it regressed. */
export function compareSuite(entry: CiEntry): JunitSuite | null {
  if (!entry.comparison) return null;
  const name = `resilab.compare.${entry.scenario}`;
  const rows = entry.comparison.filter((r) => r.regression || (measured(r) && r.metric !== '*'));
  return {
    name,
    seconds: 0,
    timestamp: entry.results?.started_at ?? null,
    properties: { gate: entry.comparison[0]?.gate ?? 'stats', trials: String(entry.trials.length) },
    cases: rows.map((r) => ({
      classname: `${name}.${r.variant}`,
      name: `${r.variant}.${r.metric} vs baseline`,
      ...(r.regression ? { failure: r.note } : {}),
      output: `${r.verdict}${effectText(r) ? ` ${effectText(r)}` : ''}: ${r.note}`,
    })),
  };
}

/** A suite with one errored testcase for a scenario that could not be run. */
export function runErrorSuite(entry: CiEntry): JunitSuite | null {
  if (entry.error === null) return null;
  const name = `resilab.${entry.scenario}`;
  return {
    name,
    seconds: 0,
    timestamp: null,
    properties: {},
    cases: [{ classname: name, name: 'run', error: entry.error }],
  };
}

/** The exit code of a CI run: 3 when a run could not be carried out, 1 for a failed threshold or a regression. */
export function ciExitCode(entries: CiEntry[]): 0 | 1 | 3 {
  if (entries.some((e) => e.error !== null)) return 3;
  const failed = entries.some(
    (e) =>
      e.trials.some((trial) => trial.thresholds.some((t) => !t.pass)) ||
      e.comparison?.some((r) => r.regression),
  );
  return failed ? 1 : 0;
}

/** The CI verdict in Markdown: one line per scenario, then every regression. */
export function renderCiMarkdown(entries: CiEntry[]): string {
  const code = ciExitCode(entries);
  const verdict = code === 0 ? '✅ passed' : code === 1 ? '❌ failed' : '⚠️ could not run';
  const out = [
    `## resilab ci: ${verdict} (${entries.length} scenario${entries.length === 1 ? '' : 's'})`,
    '',
  ];
  out.push('| scenario | verdict | thresholds | baseline |', '| --- | --- | --- | --- |');
  for (const e of entries) {
    const regressions = e.comparison?.filter((r) => r.regression).length;
    const baseline =
      e.comparison === null
        ? 'no baseline'
        : `${regressions ? `${regressions} regression(s)` : 'no regression'} (${verdictCounts(e.comparison)})`;
    const what = e.results ? headline(e.results) : `could not run: ${e.error ?? 'unknown error'}`;
    const thresholds = e.results ? thresholdVerdict(e.results) : '–';
    out.push(
      `| ${e.scenario} | ${what.replace(/\|/g, '\\|').replace(/\n/g, ' ')} | ${thresholds} | ${baseline} |`,
    );
  }
  const regressions = entries.flatMap((e) =>
    (e.comparison ?? []).filter((r) => r.regression).map((r) => ({ e, r })),
  );
  if (regressions.length > 0) {
    out.push('', '### Regressions against the baseline', '');
    for (const { e, r } of regressions) out.push(`- ${e.scenario}: ${r.variant}.${r.metric}: ${r.note}`);
  }
  out.push(...effectTables(entries));
  out.push('');
  return out.join('\n');
}

/** Per scenario, every statistically compared figure with an effect: median ratio, interval, p, verdict. */
function effectTables(entries: CiEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const rows = (e.comparison ?? []).filter((r) => r.gate === 'stats' && r.effect);
    if (rows.length === 0) continue;
    out.push('', `### ${e.scenario}: compared with the baseline (${e.trials.length} trial(s))`, '');
    out.push(
      '| figure | samples | median ratio [interval] | p | verdict |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const r of rows) {
      const n = r.samples ? `${r.samples.baseline} vs ${r.samples.current} ${r.samples.source}` : '';
      const p =
        r.p_value === null || r.p_value === undefined
          ? ''
          : r.p_value < 0.001
            ? '< 0.001'
            : r.p_value.toFixed(3);
      out.push(`| ${r.variant}.${r.metric} | ${n} | ${effectText(r)} | ${p} | ${r.verdict} |`);
    }
  }
  return out;
}
