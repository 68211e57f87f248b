// `resilab runtime --ipc`: serves a parent process (the runner) over the IPC channel with the
// protocol's commands (validated, then the one dispatcher), every supervisor event forwarded,
// `started` once, and a shutdown when the parent goes away.
import type { Command } from '../protocol/commands.js';
import { type IpcMessage, parseIpcRequest, requestId, toWireError, type WireError } from '../protocol/ipc.js';
import type { AppConfig, InstanceInfo } from '../types.js';
import { dispatch } from './dispatch.js';
import type { HostedSupervisor } from './hosted.js';
import { AppRegistry } from './registry.js';

/** The IPC side of the runtime; `started()` tells the parent how startup went. */
export interface IpcServer {
  started(instances: InstanceInfo[], error?: WireError): void;
}

/** What serveIpc works with: the apps already started, $RESILAB_HOME, and how to end the runtime. */
export interface IpcServeOptions {
  apps: AppConfig[];
  home: string;
  /** The parent left or sent `kill`: stop every app and end the runtime. */
  stop: () => void;
}

/** Serves the parent on process's IPC channel. */
export function serveIpc(supervisor: HostedSupervisor, options: IpcServeOptions): IpcServer {
  const send = (message: IpcMessage) => {
    if (process.connected) process.send?.(message, undefined, {}, () => undefined);
  };
  const registry = new AppRegistry();
  registry.add(options.apps);
  supervisor.on('event', (event) => {
    if (event.type !== 'event-loop') registry.record(event);
    send({ kind: 'event', event });
  });
  const context = { supervisor, registry, home: options.home };
  const run = async (command: Command): Promise<unknown> => {
    // Events always flow over IPC: a subscription has nothing to add.
    if (command.cmd === 'subscribe') return null;
    if (command.cmd === 'kill') {
      const pids = supervisor.list().flatMap((row) => (row.pid === null ? [] : [row.pid]));
      setImmediate(options.stop);
      return { pids };
    }
    return dispatch(context, command);
  };
  process.on('message', (message: unknown) => {
    const id = requestId(message);
    let command: Command;
    try {
      command = parseIpcRequest(message).command;
    } catch (error) {
      send({ kind: 'reply', id, ok: false, error: toWireError(error) });
      return;
    }
    run(command).then(
      (result) => send({ kind: 'reply', id, ok: true, result }),
      (error: unknown) => send({ kind: 'reply', id, ok: false, error: toWireError(error) }),
    );
  });
  process.once('disconnect', options.stop);
  return {
    started: (instances, error) =>
      send({ kind: 'started', ok: !error, instances, ...(error ? { error } : {}) }),
  };
}
