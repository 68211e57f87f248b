// What a result was measured on: Node, CPUs, OS, memory, the resilab version. Every figure is
// relative to the machine, so results.json carries it.
import { readFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import type { Environment } from '../types.js';

const packageJson = new URL('../../package.json', import.meta.url);

/** The environment of this process, for record.environment. */
export function environment(): Environment {
  const cores = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    os_release: release(),
    cpus: cores.length,
    cpu_model: cores[0]?.model.trim() ?? 'unknown',
    total_memory: totalmem(),
    resilab: (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version,
  };
}
