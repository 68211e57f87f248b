import { describe, expect, it } from 'vitest';
import { evaluateThresholds } from '../../../src/metrics/thresholds.js';
import { renderJunit } from '../../../src/report/junit.js';
import { markupProblems } from '../../helpers/markup.js';
import { type FixtureName, fixture } from '../../helpers/results.js';

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe('renderJunit', () => {
  it.each<[FixtureName, number, number]>([
    ['crash-recovery', 4, 0],
    ['reload', 3, 0],
    ['crash-loop', 2, 1],
  ])('%s: well-formed, %i testcases, %i failures', (name, tests, failures) => {
    const xml = renderJunit(fixture(name));
    expect(markupProblems(xml, 'xml')).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(count(xml, /<testcase /g)).toBe(tests);
    expect(count(xml, /<failure /g)).toBe(failures);
    expect(xml).toContain(`<testsuites name="resilab" tests="${tests}" failures="${failures}"`);
  });

  it('puts the message of a failed threshold in its failure', () => {
    const xml = renderJunit(fixture('crash-loop'));
    expect(xml).toMatch(
      /<testcase classname="resilab\.crash-loop\.single" name="single\.downtime_ms &#60; 2000" time="0">\s*<failure message="[^"]*no_recovery/,
    );
  });

  it('escapes markup in names and messages', () => {
    const results = fixture('crash-recovery');
    results.scenario.name = 'a&b<c>"d"';
    results.thresholds = evaluateThresholds(results, [
      { variant: 'x<y', metric: 'downtime_ms', op: '<', value: 1 },
    ]);
    const xml = renderJunit(results);
    expect(markupProblems(xml, 'xml')).toEqual([]);
    expect(count(xml, /<failure /g)).toBe(1);
  });

  it('writes an empty suite when there are no thresholds', () => {
    const results = fixture('crash-recovery');
    results.thresholds = [];
    const xml = renderJunit(results);
    expect(markupProblems(xml, 'xml')).toEqual([]);
    expect(xml).toContain('tests="0" failures="0"');
  });
});

describe('markupProblems (the checker these tests rely on)', () => {
  it.each([
    ['<a><b></a></b>', 'xml'],
    ['<a>x < y</a>', 'xml'],
    ['<a>x & y</a>', 'xml'],
    ['<a x=1></a>', 'xml'],
    ['<div><p></div>', 'html'],
  ] as const)('finds the problem in %s', (text, mode) => {
    expect(markupProblems(text, mode)).not.toEqual([]);
  });

  it('accepts void elements in HTML and self-closing tags in XML', () => {
    expect(markupProblems('<div><meta charset="utf-8"><br></div>', 'html')).toEqual([]);
    expect(markupProblems('<a><b c="1"/></a>', 'xml')).toEqual([]);
  });
});
