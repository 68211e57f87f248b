// Faults that are supervisor commands (reload, restart, scale, boot-crash): send it, wait for the
// reply or the end of the run, and record how long it took and whether it failed.
import type { FaultRecord, FaultSpec, SupervisorCommand } from '../types.js';
import type { FaultContext } from './context.js';
import { clock, faultRecord, messageOf } from './outcome.js';

/** Sends `command` and records it as `spec`; t_end is the reply (null when the run ended first). */
export async function commandFault(
  spec: FaultSpec,
  context: FaultContext,
  command: SupervisorCommand,
): Promise<FaultRecord> {
  const targets = context.instances();
  const t = clock();
  let onAbort = () => {};
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    if (context.stop.aborted) resolve('aborted');
    else context.stop.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const reply = context.command(command);
    reply.catch(() => {}); // an abandoned reply must not become an unhandled rejection
    const outcome = await Promise.race([reply, aborted]);
    if (outcome === 'aborted') {
      return faultRecord(spec, context, t, {
        targets,
        error: `${command.cmd}: the run ended before its reply`,
      });
    }
    return faultRecord(spec, context, t, { targets, t_end: clock() });
  } catch (error) {
    return faultRecord(spec, context, t, {
      targets,
      t_end: clock(),
      error: `${command.cmd}: ${messageOf(error)}`,
    });
  } finally {
    context.stop.removeEventListener('abort', onAbort);
  }
}
