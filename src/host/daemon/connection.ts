// One client on the control socket: the handshake first, then requests answered by id, and an
// optional subscription to logs and events. A malformed line gets an error reply; nothing here throws.
import type { Socket } from 'node:net';
import { isLabError } from '../../errors.js';
import type { Command } from '../../protocol/commands.js';
import { lineSplitter } from '../../protocol/lines.js';
import {
  encode,
  MAX_LINE_BYTES,
  PROTOCOL_VERSION,
  parseClientMessage,
  type ServerMessage,
} from '../../protocol/socket.js';
import type { LogLine } from '../../supervisor/log-router.js';
import type { SupervisorEvent } from '../../types.js';
import { type DispatchContext, dispatch } from '../dispatch.js';

/** A connection's subscription, called by the server for every log line and event. */
export interface Subscriber {
  log(line: LogLine, id: number | null): void;
  event(event: SupervisorEvent): void;
}

/** What a connection needs from its server. */
export interface ConnectionContext extends DispatchContext {
  version: string;
  subscribers: Set<Subscriber>;
  kill(): Promise<{ pids: number[] }>;
}

/** A subscriber stops receiving once this many bytes wait unsent (a client that does not read). */
const MAX_BACKLOG = 4 * 1024 * 1024;

/** Serves one accepted socket until it closes. */
export function serveConnection(socket: Socket, context: ConnectionContext): void {
  let greeted = false;
  let subscriber: Subscriber | null = null;
  const send = (message: ServerMessage): void => {
    if (!socket.destroyed && socket.writable) socket.write(encode(message));
  };
  const fail = (id: number | null, code: string, message: string): void =>
    send({ type: 'reply', id, ok: false, error: { code, message } });

  const run = async (id: number, command: Command): Promise<void> => {
    try {
      let result: unknown = null;
      if (command.cmd === 'kill') result = await context.kill();
      else if (command.cmd === 'subscribe') {
        // A new subscription on the same connection replaces the previous one.
        if (subscriber) context.subscribers.delete(subscriber);
        subscriber = subscribe(command, send, socket, context);
      } else result = await dispatch(context, command);
      send({ type: 'reply', id, ok: true, result });
    } catch (error) {
      if (isLabError(error)) fail(id, error.code, error.message);
      else fail(id, 'RESILAB_E_SUPERVISOR', `${command.cmd}: ${(error as Error)?.message ?? String(error)}`);
    }
  };

  const onLine = (line: string): void => {
    const parsed = parseClientMessage(line);
    if (!parsed.ok) {
      fail(parsed.id, 'RESILAB_E_IPC_MESSAGE', parsed.error);
      return;
    }
    const message = parsed.value;
    if (message.type === 'hello') {
      if (message.protocol !== PROTOCOL_VERSION || message.version !== context.version) {
        fail(
          null,
          'RESILAB_E_VERSION_MISMATCH',
          `the daemon runs resilab ${context.version} (protocol ${PROTOCOL_VERSION}), this CLI is ${message.version} (protocol ${message.protocol}): run \`resilab kill\` with the old version, then start again`,
        );
        socket.end();
        return;
      }
      greeted = true;
      send({ type: 'welcome', protocol: PROTOCOL_VERSION, version: context.version, pid: process.pid });
    } else if (!greeted) {
      fail(message.id, 'RESILAB_E_IPC_MESSAGE', 'message.type: expected "hello" first, got "request"');
    } else {
      void run(message.id, message.command);
    }
  };

  socket.on(
    'data',
    lineSplitter(
      onLine,
      () => fail(null, 'RESILAB_E_IPC_MESSAGE', `message: longer than ${MAX_LINE_BYTES} bytes`),
      MAX_LINE_BYTES,
    ),
  );
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    if (subscriber) context.subscribers.delete(subscriber);
  });
}

function subscribe(
  command: Extract<Command, { cmd: 'subscribe' }>,
  send: (message: ServerMessage) => void,
  socket: Socket,
  context: ConnectionContext,
): Subscriber {
  const wanted = (app: string, id: number | null): boolean => {
    if (command.target === null || command.target === 'all' || command.target === app) return true;
    return id !== null && /^\d+$/.test(command.target) && id === Number(command.target);
  };
  const subscriber: Subscriber = {
    log: (line, id) => {
      if (command.logs && wanted(line.app, id) && socket.writableLength < MAX_BACKLOG)
        send({
          type: 'log',
          app: line.app,
          instance: line.instance,
          id,
          stream: line.stream,
          line: line.line,
        });
    },
    event: (event) => {
      if (command.events && wanted(event.app, null) && socket.writableLength < MAX_BACKLOG)
        send({ type: 'event', event });
    },
  };
  context.subscribers.add(subscriber);
  return subscriber;
}
