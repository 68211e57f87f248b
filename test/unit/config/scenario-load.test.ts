import { describe, expect, it } from 'vitest';
import { parseScenario, quickScenario } from '../../../src/config/scenario.js';
import { LabError } from '../../../src/errors.js';

const APP = 'app: { script: sample-apps/http-app.js }\n';

function parse(text: string) {
  return parseScenario(text, { file: '/tmp/x.yaml', baseDir: '/tmp' });
}

/** The problem lines of a scenario that must fail with exit code 2. */
function problems(text: string): string[] {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    expect((error as LabError).exitCode).toBe(2);
    return (error as LabError).message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
  }
  throw new Error('the scenario was accepted');
}

describe('load.model: open — the keys and their defaults', () => {
  it('a constant rate: model, rate, max_connections (default 100), no stages', () => {
    const s = parse(`${APP}load: { model: open, rate: 500, duration: 3s }`);
    expect(s.load).toMatchObject({
      model: 'open',
      rate: 500,
      duration_ms: 3000,
      stages: [],
      max_connections: 100,
    });
  });

  it('stages: their sum is the load length unless a longer duration holds the last target', () => {
    const staged = parse(
      `${APP}load: { model: open, rate: 10, max_connections: 8, stages: [{ duration: 2s, target: 50 }, { duration: 1s, target: 0 }] }`,
    );
    expect(staged.load).toMatchObject({
      duration_ms: 3000,
      max_connections: 8,
      stages: [
        { duration_ms: 2000, target: 50 },
        { duration_ms: 1000, target: 0 },
      ],
    });
    const held = parse(`${APP}load: { model: open, duration: 5s, stages: [{ duration: 2s, target: 50 }] }`);
    expect(held.load).toMatchObject({ duration_ms: 5000, rate: null });
  });

  it('faults are checked against the stages when there is no duration', () => {
    expect(
      problems(
        `${APP}load: { model: open, stages: [{ duration: 2s, target: 50 }] }\nfaults: [{ at: 3s, reload: true }]`,
      ),
    ).toContain('faults[0].at: 3s is not inside the load (load.duration is 2s)');
  });

  it('--quick shrinks the stages with the load and keeps their rates', () => {
    const s = parse(
      `${APP}load: { model: open, rate: 10, stages: [{ duration: 6s, target: 50 }, { duration: 6s, target: 50 }] }`,
    );
    const quick = quickScenario(s, 0.25);
    expect(quick.load.duration_ms).toBe(3000);
    expect(quick.load.stages).toEqual([
      { duration_ms: 1500, target: 50 },
      { duration_ms: 1500, target: 50 },
    ]);
  });

  it('the closed model stays the default and has no open-model keys', () => {
    expect(parse(APP).load.model).toBe('closed');
    expect(parse(APP).load.stages).toBeUndefined();
  });
});

describe('load: bad input names the field and the value', () => {
  it.each([
    [`load: { model: open, rate: 0 }`, 'load.rate: expected a rate in requests/s above 0, got 0'],
    [`load: { model: open, rate: -5 }`, 'load.rate: expected a rate in requests/s above 0, got -5'],
    [`load: { rate: 0 }`, 'load.rate: expected a rate in requests/s above 0, got 0'],
    [`load: { model: opne, rate: 5 }`, 'load.model: expected "closed" or "open", got "opne"'],
    [`load: { model: open, stages: [{ target: 50 }] }`, 'load.stages[0].duration: required'],
    [
      `load: { model: open, stages: [{ duration: 1s, target: -1 }] }`,
      'load.stages[0].target: expected a rate in requests/s >= 0, got -1',
    ],
    [
      `load: { model: open, stages: [{ duration: 1s }] }`,
      'load.stages[0].target: required (the rate in requests/s to ramp to)',
    ],
    [
      `load: { stages: [{ duration: 1s, target: 5 }] }`,
      'load.stages: only with model "open" (the closed model runs a fixed number of connections), got [{"duration":"1s","target":5}] with model "closed"',
    ],
    [
      `load: { model: closed, max_connections: 5 }`,
      'load.max_connections: only with model "open" (the closed model runs a fixed number of connections), got 5 with model "closed"',
    ],
    [
      `load: { model: open, rate: 5, connections: 10 }`,
      'load.connections: the open model has no fixed connections, got 10; use max_connections (the most requests in flight)',
    ],
    [`load: { model: open }`, 'load.rate: required with model "open" (arrivals per second), or give stages'],
    [
      `load: { model: open, duration: 1s, stages: [{ duration: 2s, target: 5 }] }`,
      'load.duration: "1s" is shorter than the stages (2000 ms); leave it out to run the stages',
    ],
  ])('%s', (load, message) => {
    expect(problems(`${APP}${load}`)).toContain(message);
  });
});
