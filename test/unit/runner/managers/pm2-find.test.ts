// Where the runner finds the user's PM2: RESILAB_PM2 (the package or its bin), else node_modules
// from the working directory up, else PATH; a RESILAB_PM2 naming nothing is an error, never a
// fallback. The devDependency in this repo is the PM2 found here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabError } from '../../../../src/errors.js';
import { findPm2, PM2_MISSING } from '../../../../src/runner/managers/pm2-find.js';
import { ROOT } from '../../../helpers/processes.js';

const LOCAL = join(ROOT, 'node_modules/pm2');
const empty = mkdtempSync(join(tmpdir(), 'resilab-no-pm2-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

function failure(env: NodeJS.ProcessEnv, cwd: string): LabError {
  try {
    findPm2(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(LabError);
    return error as LabError;
  }
  throw new Error('a PM2 was found');
}

describe('findPm2', () => {
  it("finds the project's node_modules/pm2 from a folder below it, with its version", () => {
    const found = findPm2({ PATH: '' }, join(ROOT, 'test/unit'));
    expect(found.path).toBe(LOCAL);
    expect(found.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('takes RESILAB_PM2 as the package folder or its bin/pm2', () => {
    expect(findPm2({ RESILAB_PM2: LOCAL, PATH: '' }, empty).path).toBe(LOCAL);
    expect(findPm2({ RESILAB_PM2: join(LOCAL, 'bin/pm2'), PATH: '' }, empty).path).toBe(LOCAL);
  });

  it('refuses a RESILAB_PM2 that names nothing runnable, naming it, even when a local PM2 exists', () => {
    const error = failure({ RESILAB_PM2: '/no/such/pm2', PATH: '' }, ROOT);
    expect(error.code).toBe('RESILAB_E_PM_NOT_FOUND');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('/no/such/pm2');
    expect(failure({ RESILAB_PM2: empty, PATH: '' }, ROOT).message).toContain(empty);
  });

  it('says how to install PM2 when there is none local and none on PATH', () => {
    const error = failure({ PATH: empty }, empty);
    expect(error.message).toBe(PM2_MISSING);
    expect(error.exitCode).toBe(2);
  });
});
