// `resilab runtime --ipc`: serves a parent process over the IPC channel: its requests (validated),
// every supervisor event forwarded, `started` once, and a shutdown when the parent goes away.
import type { InstanceInfo, IpcMessage, SupervisorCommand } from '../types.js';
import { parseRequest, requestId, toWireError } from './protocol.js';
import type { Supervisor } from './supervisor.js';

/** Carries out one validated command. */
export async function execute(supervisor: Supervisor, command: SupervisorCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'list':
      return supervisor.list();
    case 'restart':
      return supervisor.restart(command.app, command.env).then(() => supervisor.list());
    case 'reload':
      return supervisor.reload(command.app, command.env).then(() => supervisor.list());
    case 'stop':
      return supervisor.stop(command.app).then(() => supervisor.list());
    case 'scale':
      return supervisor.scale(command.app, command.instances).then(() => supervisor.list());
    case 'signal':
      supervisor.signal(command.app, command.instance, command.signal);
      return null;
  }
}

/** The IPC side of the runtime; `started()` tells the parent how startup went. */
export interface IpcServer {
  started(instances: InstanceInfo[], error?: { code: string; message: string }): void;
}

/** Serves the parent on process's IPC channel; onDisconnect runs when the parent is gone. */
export function serveIpc(supervisor: Supervisor, onDisconnect: () => void): IpcServer {
  const send = (message: IpcMessage) => {
    if (process.connected) process.send?.(message, undefined, {}, () => undefined);
  };
  supervisor.on('event', (event) => send({ kind: 'event', event }));
  process.on('message', (message: unknown) => {
    let command: SupervisorCommand;
    const id = requestId(message);
    try {
      command = parseRequest(message).command;
    } catch (error) {
      send({ kind: 'reply', id, ok: false, error: toWireError(error) });
      return;
    }
    execute(supervisor, command).then(
      (result) => send({ kind: 'reply', id, ok: true, result }),
      (error: unknown) => send({ kind: 'reply', id, ok: false, error: toWireError(error) }),
    );
  });
  process.once('disconnect', onDisconnect);
  return {
    started: (instances, error) =>
      send({ kind: 'started', ok: !error, instances, ...(error ? { error } : {}) }),
  };
}
