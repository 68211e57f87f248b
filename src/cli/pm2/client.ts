// The CLI's side of the control socket: connect, handshake, typed requests answered by id, and the
// log/event stream of a subscription. Every line from the daemon is validated before it is used.
import { connect as netConnect, type Socket } from 'node:net';
import { ERROR_CODES, type ErrorCode, LabError } from '../../errors.js';
import type { Command, CommandName } from '../../protocol/commands.js';
import { lineSplitter } from '../../protocol/lines.js';
import { daemonPaths } from '../../protocol/paths.js';
import { checkResult, parseServerMessage } from '../../protocol/replies.js';
import type { ResultOf } from '../../protocol/results.js';
import type { ServerMessage } from '../../protocol/socket.js';
import { encode, MAX_LINE_BYTES, PROTOCOL_VERSION } from '../../protocol/wire.js';
import type { SupervisorEvent } from '../../types.js';
import { version as packageVersion } from '../../version.js';

/** A log line as the stream delivers it. */
export type StreamedLog = Extract<ServerMessage, { type: 'log' }>;

interface Listeners {
  log: ((line: StreamedLog) => void)[];
  event: ((event: SupervisorEvent) => void)[];
}

interface Pending {
  cmd: CommandName;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** True when the error means "no daemon listens here" (no socket file, or nobody accepting). */
export function isNotRunning(error: unknown): boolean {
  return error instanceof LabError && error.code === 'RESILAB_E_DAEMON' && /no daemon/.test(error.message);
}

function labError(code: string, message: string): LabError {
  return new LabError(code in ERROR_CODES ? (code as ErrorCode) : 'RESILAB_E_DAEMON', message);
}

/** One connection to the daemon. */
export class DaemonClient {
  readonly daemonPid: number;
  readonly #socket: Socket;
  readonly #pending: Map<number, Pending>;
  #nextId = 1;
  readonly #listeners: Listeners;

  private constructor(socket: Socket, pid: number, pending: Map<number, Pending>, listeners: Listeners) {
    this.#socket = socket;
    this.daemonPid = pid;
    this.#pending = pending;
    this.#listeners = listeners;
  }

  /** Connects to the daemon of `home` and shakes hands; refuses a daemon of another version. */
  static connect(home: string, options: { version?: string } = {}): Promise<DaemonClient> {
    const path = daemonPaths(home).socket;
    const pending = new Map<number, Pending>();
    const listeners: Listeners = { log: [], event: [] };
    return new Promise((resolve, reject) => {
      const socket = netConnect(path);
      let client: DaemonClient | null = null;
      const failAll = (error: Error): void => {
        if (!client) reject(error);
        for (const entry of pending.values()) entry.reject(error);
        pending.clear();
      };
      const onMessage = (message: ServerMessage): void => {
        if (message.type === 'welcome') {
          client = new DaemonClient(socket, message.pid, pending, listeners);
          resolve(client);
        } else if (message.type === 'reply') {
          const entry = message.id === null ? undefined : pending.get(message.id);
          if (message.id !== null) pending.delete(message.id);
          if (!message.ok) {
            const error = labError(message.error.code, message.error.message);
            if (entry) entry.reject(error);
            else failAll(error);
          } else if (entry) {
            const problem = checkResult(entry.cmd, message.result);
            if (problem) entry.reject(new LabError('RESILAB_E_IPC_MESSAGE', problem));
            else entry.resolve(message.result);
          }
        } else if (message.type === 'log') for (const listener of listeners.log) listener(message);
        else for (const listener of listeners.event) listener(message.event);
      };
      socket.on(
        'data',
        lineSplitter(
          (line) => {
            const parsed = parseServerMessage(line);
            if (parsed.ok) onMessage(parsed.value);
            else failAll(new LabError('RESILAB_E_IPC_MESSAGE', parsed.error));
          },
          () =>
            failAll(
              new LabError('RESILAB_E_IPC_MESSAGE', `daemon message: longer than ${MAX_LINE_BYTES} bytes`),
            ),
          MAX_LINE_BYTES,
        ),
      );
      socket.on('connect', () => {
        socket.write(
          encode({ type: 'hello', protocol: PROTOCOL_VERSION, version: options.version ?? packageVersion }),
        );
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        const missing = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
        failAll(
          missing
            ? new LabError(
                'RESILAB_E_DAEMON',
                `no daemon is running in ${home} (socket ${path}: ${error.code})`,
              )
            : new LabError('RESILAB_E_DAEMON', `daemon socket ${path}: ${error.message}`, { cause: error }),
        );
      });
      socket.on('close', () =>
        failAll(new LabError('RESILAB_E_DAEMON', `the daemon closed the connection (${path})`)),
      );
    });
  }

  /** Sends one command and resolves to its validated result. */
  request<C extends Command>(command: C): Promise<ResultOf[C['cmd']]> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { cmd: command.cmd, resolve: resolve as (value: unknown) => void, reject });
      this.#socket.write(encode({ type: 'request', id, command }));
    });
  }

  /** Streams log lines and/or events for a target (null = every app) until close(). */
  async subscribe(
    target: string | null,
    listeners: { log?: (line: StreamedLog) => void; event?: (event: SupervisorEvent) => void },
  ): Promise<void> {
    if (listeners.log) this.#listeners.log.push(listeners.log);
    if (listeners.event) this.#listeners.event.push(listeners.event);
    await this.request({
      cmd: 'subscribe',
      logs: Boolean(listeners.log),
      events: Boolean(listeners.event),
      target,
    });
  }

  /** Resolves when the daemon ends the connection (kill, or the daemon exiting). */
  closed(): Promise<void> {
    if (this.#socket.closed) return Promise.resolve();
    return new Promise((resolve) => this.#socket.once('close', () => resolve()));
  }

  close(): void {
    this.#socket.end();
    this.#socket.unref();
  }
}
