// JUnit XML for CI: one testcase per threshold verdict, a failure element with the message for
// each failed one, so CI systems show thresholds as tests.
import type { Results } from '../types.js';
import { escapeXml as x } from './escape.js';

/** The JUnit XML of a run's thresholds (a suite with 0 tests when none were set). */
export function renderJunit(results: Results): string {
  const suite = `resilab.${results.scenario.name}`;
  const failures = results.thresholds.filter((t) => !t.pass).length;
  const seconds = Math.max(0, (results.ended_at - results.started_at) / 1000).toFixed(3);
  const stamp = new Date(results.started_at).toISOString().replace(/\.\d+Z$/, '');
  const cases = results.thresholds.map((t) => {
    const name = `${t.variant}.${t.threshold.metric} ${t.threshold.op} ${t.threshold.value}`;
    const open = `    <testcase classname="${x(`${suite}.${t.variant}`)}" name="${x(name)}" time="0"`;
    if (t.pass) return `${open}/>`;
    return `${open}>\n      <failure message="${x(t.message)}" type="threshold">${x(t.message)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="resilab" tests="${results.thresholds.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="${x(suite)}" tests="${results.thresholds.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}" timestamp="${stamp}">`,
    '    <properties>',
    `      <property name="partial" value="${results.partial}"/>`,
    `      <property name="node" value="${x(results.environment.node)}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
