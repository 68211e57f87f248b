import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../src/errors.js';
import { loadReport, loadResults } from '../../../src/report/load.js';
import { challengeResult } from '../../helpers/challenge.js';
import { fixture, fixturePath } from '../../helpers/results.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resilab-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(content: string | null): Promise<LabError> {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.json`);
  if (content !== null) await writeFile(file, content);
  const error = await loadResults(file).then(
    () => new Error('loaded'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LabError);
  expect((error as LabError).code).toBe('RESILAB_E_RESULTS');
  expect((error as LabError).message).toContain(file);
  return error as LabError;
}

describe('loadResults', () => {
  it('loads every fixture unchanged', async () => {
    for (const name of [
      'crash-recovery',
      'reload',
      'crash-loop',
      'partial',
      'recorded-crash-recovery',
    ] as const) {
      expect(await loadResults(fixturePath(name))).toEqual(fixture(name));
    }
  });

  it('names a missing file', async () => {
    expect((await failure(null)).message).toContain('cannot read');
  });

  it('rejects text that is not JSON', async () => {
    expect((await failure('{"schemaVersion": 1,')).message).toContain('not JSON');
  });

  it.each([
    [{ schemaVersion: 2 }, 'schemaVersion: expected 1, got 2'],
    [{}, 'schemaVersion: expected 1, got nothing'],
    [null, 'schemaVersion: expected 1'],
  ])('rejects %j naming the version', async (value, text) => {
    expect((await failure(JSON.stringify(value))).message).toContain(text);
  });

  it('names the first wrong field', async () => {
    const results = fixture('crash-recovery') as unknown as {
      variants: { metrics: Record<string, unknown> }[];
    };
    const second = results.variants[1];
    if (!second) throw new Error('fixture');
    second.metrics.downtime_ms = 'fast';
    expect((await failure(JSON.stringify(results))).message).toContain('variants[1].metrics.downtime_ms');
  });
});

describe('loadReport', () => {
  it('loads a challenge.json as a challenge and a results.json as results', async () => {
    const file = join(dir, 'challenge.json');
    await writeFile(file, JSON.stringify(challengeResult()));
    expect(await loadReport(file)).toEqual(challengeResult());
    expect(await loadReport(fixturePath('crash-loop'))).toEqual(fixture('crash-loop'));
  });

  it('names the first wrong field of a challenge', async () => {
    const file = join(dir, 'bad-challenge.json');
    const { results: _results, ...rest } = challengeResult();
    await writeFile(file, JSON.stringify(rest));
    await expect(loadReport(file)).rejects.toThrow(`${file}: results: `);
  });
});
