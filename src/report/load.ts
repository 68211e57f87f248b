// Reads a results.json (or a challenge.json) back for re-rendering and comparing: the boundary
// where a file from disk (maybe old, maybe hand-edited) becomes trusted data. Bad files →
// RESILAB_E_RESULTS.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LabError, quote } from '../errors.js';
import type { ChallengeResult, Results } from '../types.js';
import { ChallengeShape } from './challenge-shape.js';

const num = z.number();
const nullableNum = z.number().nullable();

/** The parts every renderer and compare read; the rest of the file is passed through untouched. */
const ResultsShape = z.looseObject({
  schemaVersion: z.literal(1),
  scenario: z.looseObject({
    name: z.string(),
    description: z.string(),
    faults: z.array(z.looseObject({ kind: z.string(), at_ms: num })),
  }),
  environment: z.looseObject({ node: z.string(), cpus: num }),
  started_at: num,
  ended_at: num,
  partial: z.boolean(),
  floor: z.looseObject({ boot_to_listening_ms: z.array(num) }).nullable(),
  variants: z.array(
    z.looseObject({
      name: z.string(),
      config: z.looseObject({
        variant: z.looseObject({ exec_mode: z.string() }),
        apps: z.array(z.looseObject({})),
      }),
      timeline: z.looseObject({
        phases: z.looseObject({ boot_start: num, load_start: nullableNum }),
        bucket_ms: num,
        buckets: z.array(z.looseObject({ t_start: num, ok_2xx: num })),
        probes: z.array(z.looseObject({ t_start: num, ok: z.boolean() })),
        resources: z.array(z.looseObject({ t: num, role: z.string(), rss: num })),
      }),
      events: z.array(z.looseObject({ t: num, type: z.string() })),
      faults: z.array(
        z.looseObject({ kind: z.string(), at_ms: num, metrics: z.record(z.string(), nullableNum) }),
      ),
      warnings: z.array(z.string()),
      partial: z.boolean(),
      metrics: z.record(z.string(), nullableNum),
      flags: z.array(z.looseObject({ metric: z.string(), code: z.string(), message: z.string() })),
    }),
  ),
  thresholds: z.array(
    z.looseObject({ variant: z.string(), pass: z.boolean(), message: z.string(), actual: nullableNum }),
  ),
});

/** Loads and checks a results.json; names the file and the first wrong field when it is not one. */
export async function loadResults(file: string): Promise<Results> {
  return checked(file, await readJson(file), ResultsShape) as Results;
}

/** Loads a run's data file for `resilab report`: a challenge.json (kind "challenge") or a results.json. */
export async function loadReport(file: string): Promise<Results | ChallengeResult> {
  const data = await readJson(file);
  if ((data as { kind?: unknown } | null)?.kind === 'challenge') {
    return checked(file, data, ChallengeShape) as ChallengeResult;
  }
  return checked(file, data, ResultsShape) as Results;
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new LabError(
      'RESILAB_E_RESULTS',
      `${file}: cannot read the results file (${(error as Error).message})`,
      { cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LabError('RESILAB_E_RESULTS', `${file}: not JSON (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/** The schema version first (its own message), then the shape: the first wrong field, named. */
function checked(file: string, data: unknown, shape: z.ZodType): unknown {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== 1) {
    throw new LabError('RESILAB_E_RESULTS', `${file}: schemaVersion: expected 1, got ${quote(version)}`);
  }
  const parsed = shape.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path =
      issue?.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '') ?? '';
    throw new LabError('RESILAB_E_RESULTS', `${file}: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return data;
}
