// Where a run's output goes: <outDir>/<name>/<timestamp>/, the same for scenarios and the challenge.
import { join, resolve } from 'node:path';

/** 2026-11-21T06-30-00-123Z: an ISO time that is a valid directory name everywhere. */
export function stamp(t: number): string {
  return new Date(t).toISOString().replace(/[:.]/g, '-');
}

/** The folder of one run: `<outDir>/<name>/<stamp>`, absolute. */
export function runDir(outDir: string, name: string, t: number): string {
  return join(resolve(outDir), name.replace(/[^\w.-]/g, '_') || 'run', stamp(t));
}
