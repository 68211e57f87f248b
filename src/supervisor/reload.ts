// Reload: replace processes without downtime. In cluster mode a new worker starts first, the old one
// is taken out of rotation and drained only once the new one is up; fork mode cannot share a port,
// so there a reload is a restart (downtime, shown by the lab).
import { now } from '../clock.js';
import type { AppConfig } from '../types.js';
import type { Instance, ReplaceResult } from './instance.js';
import type { UpOutcome } from './lifetime.js';

/** A restart's boot outcome as a replacement result (fork mode: a reload is a restart). */
function fromOutcome(outcome: UpOutcome): ReplaceResult {
  return outcome === 'exited' ? { ok: false, error: 'instance exited before it was up' } : { ok: true };
}

/**
 * Reloads one app's instances, reload_concurrency at a time, between reload-begin and reload-end.
 * Once `closing()` (the supervisor is shutting down), the instances not yet reached are left alone:
 * shutdown has stopped them, and a replacement started now would outlive it.
 */
export async function rollingReload(
  app: AppConfig,
  instances: Instance[],
  env: Record<string, string> | undefined,
  emit: (body: Record<string, unknown>) => void,
  closing: () => boolean = () => false,
  reason = 'reload',
): Promise<void> {
  const begin = now();
  emit({ type: 'reload-begin', instances: instances.length });
  const errors: string[] = [];
  for (let n = 0; n < instances.length; n += app.reload_concurrency) {
    const batch = instances.slice(n, n + app.reload_concurrency);
    const results = await Promise.all(
      batch.map((i) =>
        i.lock.run(async (): Promise<ReplaceResult> => {
          if (closing()) return { ok: false, error: 'not replaced: the supervisor is shutting down' };
          return app.exec_mode === 'cluster'
            ? i.replace(reason, env)
            : fromOutcome(await i.restart(reason, env));
        }),
      ),
    );
    for (const [k, r] of results.entries())
      if (!r.ok) errors.push(`${app.name}:${batch[k]?.index}: ${r.error}`);
  }
  const end = { type: 'reload-end', duration_ms: now() - begin, ok: errors.length === 0 };
  emit(errors.length ? { ...end, error: errors.join('; ') } : end);
}
