// `network: { target: app }` in a real run: the load and the prober reach the app through resilab's
// proxy; a `down` toxic refuses connections for its duration, then the same port serves again,
// and the fault is drawn as a window on the time charts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/config/scenario.js';
import { runScenario } from '../../../src/pipeline/scenario.js';
import { variantSeries } from '../../../src/report/series.js';
import { cleanup, descendants, waitGone } from '../../helpers/processes.js';

afterEach(async () => {
  expect(await waitGone(descendants(process.pid), 5000)).toEqual([]);
  expect(await cleanup()).toEqual([]);
});

describe('a network fault on the app', () => {
  it('down refuses the load and the probes for its duration, then the app answers again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'resilab-app-proxy-'));
    try {
      const file = join(dir, 'app-down.yaml');
      await writeFile(
        file,
        `app: { script: sample-apps/http-app.js }
load: { connections: 4, duration: 2500ms, warmup: 0 }
faults:
  - { at: 1s, network: { target: app, toxic: down, duration: 600ms } }
`,
      );
      const { results } = await runScenario(await loadScenario(file), { outDir: dir });
      const v = results.variants[0];
      if (!v) throw new Error('no variant');
      const f = v.faults[0];
      expect(f?.ok).toBe(true);
      const start = f?.t as number;
      const end = f?.t_end as number;
      expect(end - start).toBeGreaterThanOrEqual(600);
      const during = v.timeline.probes.filter((p) => p.t_start > start + 50 && p.t_end < end - 50);
      expect(during.length).toBeGreaterThan(0);
      expect(during.every((p) => p.error === 'refused')).toBe(true);
      expect(v.timeline.probes.some((p) => p.ok && p.t_start > end)).toBe(true);
      expect(v.metrics.refused_connects).toBeGreaterThan(0);
      expect(v.metrics.restarts).toBe(0);
      const marker = variantSeries(v).markers.find((m) => m.kind === 'fault');
      expect(marker?.label).toBe('app down');
      expect((marker?.until as number) - (marker?.x as number)).toBeGreaterThanOrEqual(0.6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
