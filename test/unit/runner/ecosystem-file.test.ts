import { describe, expect, it } from 'vitest';
import { variantEntry } from '../../../src/runner/ecosystem-file.js';
import type { ScenarioApp, Variant } from '../../../src/types.js';

const app: ScenarioApp = {
  script: '/apps/http-app.js',
  ecosystem: null,
  supervisor: { restart_delay: 0, kill_timeout: 1600 },
  env: { MODE: 'app', SHARED: 'app' },
};
const variant: Variant = {
  name: 'cluster',
  exec_mode: 'cluster',
  instances: 2,
  supervisor: { kill_timeout: 3000 },
  script: null,
  env: { SHARED: 'variant' },
};

describe('variantEntry', () => {
  it('layers app keys, variant keys, mode, count and the port into one PM2 entry', () => {
    expect(variantEntry(app, variant, null, 41234)).toEqual({
      name: 'app',
      script: '/apps/http-app.js',
      cwd: '/apps',
      restart_delay: 0,
      kill_timeout: 3000,
      exec_mode: 'cluster',
      instances: 2,
      env: { MODE: 'app', SHARED: 'variant', PORT: '41234', HOST: '127.0.0.1' },
    });
  });

  it("keeps the user's ecosystem entry, with the scenario's keys over it and the port always the runner's", () => {
    const base = {
      name: 'api',
      script: '/srv/api/server.js',
      cwd: '/srv/api',
      max_memory_restart: '200M',
      env: { PORT: '8080', DB: 'x' },
    };
    const entry = variantEntry(
      { ...app, script: null, ecosystem: '/srv/api/ecosystem.config.js' },
      variant,
      base,
      5000,
    );
    expect(entry).toMatchObject({
      name: 'api',
      script: '/srv/api/server.js',
      cwd: '/srv/api',
      max_memory_restart: '200M',
      kill_timeout: 3000,
      exec_mode: 'cluster',
      instances: 2,
    });
    expect(entry.env).toEqual({ PORT: '5000', DB: 'x', MODE: 'app', SHARED: 'variant', HOST: '127.0.0.1' });
  });

  it("uses the variant's own script over the app's", () => {
    const entry = variantEntry(app, { ...variant, script: '/apps/bare-app.js' }, null, 1);
    expect(entry.script).toBe('/apps/bare-app.js');
  });
});
