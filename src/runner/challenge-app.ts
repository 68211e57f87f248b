// The challenge's app under the supervisor: http-app on a free port in one mode, with a scale
// step for the curve. Reuses the runner's ecosystem-file and port helpers.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from '../errors.js';
import type { SupervisorEvent } from '../types.js';
import { writeEcosystem } from './ecosystem-file.js';
import { MANAGERS } from './managers/index.js';
import type { Manager } from './managers/manager.js';
import { freePort } from './port.js';

const APP = 'challenge';

/** http-app from the package's sample apps, wherever resilab is installed. */
export const CHALLENGE_APP = fileURLToPath(new URL('../../sample-apps/http-app.js', import.meta.url));

export interface ChallengeApp {
  url: string;
  scale(instances: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the app and resolves once every instance listens. */
export async function startApp(options: {
  mode: 'single' | 'cluster';
  instances: number;
  script: string;
  home: string;
  /** Hears every supervisor event (the live view's markers). */
  onEvent?: (event: SupervisorEvent) => void;
  manager: 'resilab' | 'pm2';
}): Promise<ChallengeApp> {
  const dir = await mkdtemp(join(tmpdir(), 'resilab-challenge-'));
  const port = await freePort();
  const file = await writeEcosystem(dir, options.mode, {
    name: APP,
    script: options.script,
    exec_mode: options.mode === 'single' ? 'fork' : 'cluster',
    instances: options.instances,
    env: { PORT: String(port), HOST: '127.0.0.1' },
  });
  let client: Manager;
  try {
    client = await MANAGERS[options.manager]({ target: file, home: options.home, onEvent: options.onEvent });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async scale(instances) {
      // The supervisor resolves a scale once every new instance has settled (listening or failed).
      await client.command({ cmd: 'scale', target: APP, instances });
      const up = (await client.list()).filter((i) => i.state === 'listening' || i.state === 'ready');
      if (up.length !== instances) {
        throw new LabError('RESILAB_E_RUN_FAILED', `scale to ${instances}: ${up.length} instances listening`);
      }
    },
    async stop() {
      await client.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
