// The one dispatcher: carries out a validated protocol command on the supervisor and returns its
// result, for both transports (the IPC channel and the unix socket). Errors are thrown as they
// come (LabError or not); each transport turns them into error replies.
import { truncate } from 'node:fs/promises';
import type { Command } from '../protocol/commands.js';
import type { AppDescription, LogFiles, ResultOf } from '../protocol/results.js';
import { logPaths } from '../supervisor/logs.js';
import type { HostedSupervisor } from './hosted.js';
import { type AppRegistry, appsOfTarget } from './registry.js';
import { withUsage } from './usage.js';

/** What the dispatcher works with: the supervisor, the registry and $RESILAB_HOME. */
export interface DispatchContext {
  supervisor: HostedSupervisor;
  registry: AppRegistry;
  home: string;
}

function appsOf(context: DispatchContext, target: string | null): string[] {
  return appsOfTarget(
    target,
    context.supervisor.list(),
    context.registry.configs().map((app) => app.name),
  );
}

/** The log files of the instances a target means (an id means that instance only, as in PM2). */
export function logFilesOf(context: DispatchContext, target: string | null): LogFiles[] {
  const rows = context.supervisor.list();
  const names = appsOf(context, target);
  const byId = target !== null && /^\d+$/.test(target) && !names.includes(target) ? Number(target) : null;
  const files: LogFiles[] = [];
  for (const row of rows) {
    if (!names.includes(row.app) || (byId !== null && row.id !== byId)) continue;
    const config = context.registry.config(row.app);
    if (!config) continue;
    const paths = logPaths(config, row.instance, context.home);
    files.push({ app: row.app, instance: row.instance, id: row.id, out: paths.out, err: paths.err });
  }
  return files;
}

async function describe(context: DispatchContext, target: string): Promise<AppDescription[]> {
  const rows = await withUsage(context.supervisor.list());
  return appsOf(context, target).flatMap((name) => {
    const config = context.registry.config(name);
    if (!config) return [];
    const instances = rows.filter((row) => row.app === name);
    return [{ config, instances, events: context.registry.events(name), logs: logFilesOf(context, name) }];
  });
}

async function flush(context: DispatchContext, target: string | null): Promise<string[]> {
  const files = [...new Set(logFilesOf(context, target).flatMap((f) => [f.out, f.err]))];
  const emptied: string[] = [];
  for (const file of files) {
    if (file === '/dev/null') continue;
    try {
      await truncate(file, 0);
      emptied.push(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return emptied;
}

/** A command every transport carries the same way; `kill` and `subscribe` belong to the transport. */
export type DispatchedCommand = Exclude<Command, { cmd: 'kill' | 'subscribe' }>;

/** Runs one command and returns its result (RESULT_SCHEMAS' shape). */
export async function dispatch(
  context: DispatchContext,
  command: DispatchedCommand,
): Promise<ResultOf[typeof command.cmd]> {
  const { supervisor, registry } = context;
  switch (command.cmd) {
    case 'list':
      return withUsage(supervisor.list());
    case 'start': {
      const apps = command.apps;
      try {
        return await withUsage(await supervisor.start(apps));
      } finally {
        // An app that failed to become ready is still the supervisor's (errored): remember it too.
        const running = new Set(supervisor.list().map((row) => row.app));
        registry.add(apps.filter((app) => running.has(app.name)));
      }
    }
    case 'describe':
      return describe(context, command.target);
    case 'stop':
      await supervisor.stop(command.target);
      return null;
    case 'restart':
    case 'reload':
      await supervisor[command.cmd](command.target, command.env);
      return null;
    case 'delete': {
      const names = appsOf(context, command.target);
      await supervisor.delete(command.target);
      const left = new Set(supervisor.list().map((row) => row.app));
      registry.remove(names.filter((name) => !left.has(name)));
      return null;
    }
    case 'scale':
      await supervisor.scale(command.target, command.instances);
      registry.scaled(command.target, command.instances);
      return null;
    case 'signal':
      supervisor.signal(command.target, command.instance, command.signal);
      return null;
    case 'flush':
      return flush(context, command.target);
    case 'logfiles':
      return logFilesOf(context, command.target);
    case 'dump':
      return registry.configs();
  }
}
