// How many CPU-bound loops this machine runs in parallel right now: 2 on two idle cores, ~1 while
// other work holds the CPUs. Lessons that need free cores (cluster vs single on /cpu, the
// challenge's speed-up) are judged against this floor, measured in the same run, not a load average.
import { spawnTracked } from './processes.js';

/** Above this, two bare processes really ran at once: a cluster's speed-up can be asserted. */
export const PARALLEL = 1.6;

function bareLoop(): Promise<number> {
  const code =
    'const s=performance.now();let x=0;for(let i=0;i<2e8;i++)x+=i;console.log(performance.now()-s)';
  const child = spawnTracked(process.execPath, ['-e', code]);
  return new Promise((resolve) => child.once('close', () => resolve(Number(child.output()))));
}

/** 2 × (one loop alone) / (the slower of two loops run together). */
export async function machineParallelism(): Promise<number> {
  const alone = await bareLoop();
  const together = await Promise.all([bareLoop(), bareLoop()]);
  return (2 * alone) / Math.max(...together);
}
