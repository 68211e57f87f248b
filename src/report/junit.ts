// JUnit XML for CI: one testcase per threshold verdict (a failure element with the message for each
// failed one), so CI systems show thresholds as tests. `resilab ci` adds suites for baseline
// comparisons and runs that could not be carried out.
import type { Results } from '../types.js';
import { escapeXml as x } from './escape.js';

/** One testcase: passed, failed (a threshold or a regression) or an error (the run could not be done). */
export interface JunitCase {
  classname: string;
  name: string;
  failure?: string;
  error?: string;
  /** Shown with the case (<system-out>): a comparison's verdict, effect and interval. */
  output?: string;
}

/** One testsuite. */
export interface JunitSuite {
  name: string;
  seconds: number;
  timestamp: number | null;
  properties: Record<string, string>;
  cases: JunitCase[];
}

/** The threshold suite of one run. */
export function thresholdSuite(results: Results): JunitSuite {
  const suite = `resilab.${results.scenario.name}`;
  return {
    name: suite,
    seconds: Math.max(0, (results.ended_at - results.started_at) / 1000),
    timestamp: results.started_at,
    properties: { partial: String(results.partial), node: results.environment.node },
    cases: results.thresholds.map((t) => ({
      classname: `${suite}.${t.variant}`,
      name: `${t.variant}.${t.threshold.metric} ${t.threshold.op} ${t.threshold.value}`,
      ...(t.pass ? {} : { failure: t.message }),
    })),
  };
}

/** The JUnit XML of a run's thresholds (a suite with 0 tests when none were set). */
export function renderJunit(results: Results): string {
  return renderJunitSuites([thresholdSuite(results)]);
}

/** Any suites as one JUnit XML document. */
export function renderJunitSuites(suites: JunitSuite[]): string {
  const count = (suite: JunitSuite, key: 'failure' | 'error') =>
    suite.cases.filter((c) => c[key] !== undefined).length;
  const sum = (fn: (s: JunitSuite) => number) => suites.reduce((total, s) => total + fn(s), 0);
  const tests = sum((s) => s.cases.length);
  const failures = sum((s) => count(s, 'failure'));
  const errors = sum((s) => count(s, 'error'));
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="resilab" tests="${tests}" failures="${failures}" errors="${errors}" time="${sum((s) => s.seconds).toFixed(3)}">`,
  ];
  for (const suite of suites) {
    const stamp =
      suite.timestamp === null
        ? ''
        : ` timestamp="${new Date(suite.timestamp).toISOString().replace(/\.\d+Z$/, '')}"`;
    out.push(
      `  <testsuite name="${x(suite.name)}" tests="${suite.cases.length}" failures="${count(suite, 'failure')}" errors="${count(suite, 'error')}" skipped="0" time="${suite.seconds.toFixed(3)}"${stamp}>`,
    );
    const props = Object.entries(suite.properties);
    if (props.length > 0) {
      out.push('    <properties>');
      for (const [name, value] of props) out.push(`      <property name="${x(name)}" value="${x(value)}"/>`);
      out.push('    </properties>');
    }
    for (const c of suite.cases) {
      const open = `    <testcase classname="${x(c.classname)}" name="${x(c.name)}" time="0"`;
      const output = c.output === undefined ? [] : [`      <system-out>${x(c.output)}</system-out>`];
      if (c.failure === undefined && c.error === undefined)
        out.push(...(output.length === 0 ? [`${open}/>`] : [`${open}>`, ...output, '    </testcase>']));
      else {
        const kind = c.error !== undefined ? 'error' : 'failure';
        const message = c.error ?? c.failure ?? '';
        const type = kind === 'error' ? 'run' : 'threshold';
        out.push(
          `${open}>`,
          `      <${kind} message="${x(message)}" type="${type}">${x(message)}</${kind}>`,
          ...output,
          '    </testcase>',
        );
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}
