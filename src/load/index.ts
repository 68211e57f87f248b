// What the runner uses of the load part: the load generator, the prober, the resource sampler.
export { type BucketWindow, bucketize, classifyError, type ErrorClass, type LoadSample } from './buckets.js';
export { type Prober, probeOnce, startProber } from './prober.js';
export type { LoadTotals } from './protocol.js';
export { type ResourceSampler, type ResourceTarget, startResourceSampler } from './resources.js';
export { CPU_SATURATED_PCT, type LoadOptions, type LoadResult, MIN_TIMEOUT_MS, runLoad } from './run.js';
export { assertLoopbackTarget, loopbackUrl } from './target.js';
