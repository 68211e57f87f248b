// The parts of a challenge.json that the challenge's renderers read, checked when the file is
// loaded back for `resilab report` (a file from disk may be old or hand-edited).
import { z } from 'zod';

const num = z.number();

/** challenge.json as the renderers need it; the rest of the file is passed through untouched. */
export const ChallengeShape = z.looseObject({
  kind: z.literal('challenge'),
  schemaVersion: z.literal(1),
  loops: num,
  requests: num,
  rounds: num,
  cpus: num,
  results: z
    .array(
      z.looseObject({
        mode: z.enum(['single', 'cluster']),
        instances: num,
        latencies_ms: z.array(num),
        total_ms: num,
        lone_ms: num,
        pids: z.array(num),
        shared_rounds: num,
        rounds: z.array(z.array(z.looseObject({ latency_ms: num }))),
      }),
    )
    .min(1),
  speedup: num,
  curve: z.array(z.looseObject({ instances: num, rps: num })),
  verdict: z.array(z.string()),
  warnings: z.array(z.string()),
  environment: z.looseObject({ node: z.string(), cpu_model: z.string(), platform: z.string() }),
});
