// The scenario the gate's proof and its corpus recorder both run: fork ×1, `kills` SIGKILLs of
// instance 0 `spacing` ms apart under light load; `slow` adds the sample app's BOOT_DELAY_MS (each
// restart that much slower; the floor boots the app's own env, so it is not slowed).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The scenario object (JSON is valid YAML) for one side of the proof. */
export function gateScenario({ slow, kills, spacing, delay }) {
  return {
    name: 'gate-proof',
    description: `restart latency: ${kills} SIGKILLs, fork ×1${slow ? `, BOOT_DELAY_MS=${delay}` : ''}`,
    app: {
      script: join(ROOT, 'sample-apps/http-app.js'),
      supervisor: { restart_delay: 0, max_restarts: 50 },
    },
    variants: [
      {
        name: 'fork',
        exec_mode: 'fork',
        instances: 1,
        ...(slow ? { env: { BOOT_DELAY_MS: String(delay) } } : {}),
      },
    ],
    load: { path: '/', connections: 1, rate: 100, duration: `${300 + kills * spacing}ms`, warmup: '0ms' },
    probe: { path: '/', interval: '20ms', timeout: '500ms' },
    faults: Array.from({ length: kills }, (_, i) => ({
      at: `${300 + i * spacing}ms`,
      crash: { via: 'signal', signal: 'SIGKILL', instance: 0 },
    })),
  };
}
