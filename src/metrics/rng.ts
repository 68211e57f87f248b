// A small seeded random number generator (mulberry32): the bootstrap must give the same interval for
// the same samples on every machine, so a CI verdict can be reproduced from two results.json files.

/** The seed every comparison uses unless told otherwise. */
export const DEFAULT_SEED = 0x5eed;

/** A function returning uniform numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number = DEFAULT_SEED): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n) from a generator. */
export function pick(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}
