// Reload: replace processes without downtime. In cluster mode a new worker starts first, the old one
// is taken out of rotation and drained only once the new one is up; fork mode cannot share a port,
// so there a reload is a restart (downtime, shown by the lab).
import { now } from '../clock.js';
import type { AppConfig } from '../types.js';
import type { Instance, Settled } from './instance.js';
import type { UpOutcome } from './run.js';

/** How one instance's replacement went. */
export interface ReplaceResult {
  ok: boolean;
  error?: string;
}

function fromSettled(settled: Settled | UpOutcome): ReplaceResult {
  return settled === 'up' || settled === 'timeout'
    ? { ok: true }
    : { ok: false, error: `instance ${settled}` };
}

/**
 * Replacement first (call inside the instance's lock): start a new run, wait until it is up, then
 * stop the old one. A new run that exits before it is up fails the replacement; the old one stays.
 */
export async function replaceInstance(
  instance: Instance,
  reason: string,
  env?: Record<string, string>,
): Promise<ReplaceResult> {
  const old = instance.current;
  if (!old || old.state === 'stopping' || old.state === 'stopped') {
    return fromSettled(await instance.restart(reason, env));
  }
  const previousEnv = instance.envUpdate;
  const next = instance.spawn(env);
  next.replacing = old;
  if ((await next.up) === 'exited') {
    instance.current = old;
    // The old version stays, with its env: a later restart of it must not start the failed deploy.
    instance.envUpdate = previousEnv;
    const exit = await next.exited;
    return {
      ok: false,
      error: `the new process exited before it was up (code ${exit.code}, signal ${exit.signal})`,
    };
  }
  next.replacing = null;
  instance.countRestart();
  await instance.stopRun(old, reason);
  return { ok: true };
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
            ? replaceInstance(i, reason, env)
            : fromSettled(await i.restart(reason, env));
        }),
      ),
    );
    for (const [k, r] of results.entries())
      if (!r.ok) errors.push(`${app.name}:${batch[k]?.index}: ${r.error}`);
  }
  const end = { type: 'reload-end', duration_ms: now() - begin, ok: errors.length === 0 };
  emit(errors.length ? { ...end, error: errors.join('; ') } : end);
}
