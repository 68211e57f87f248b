// PM2's bus (read at run time through its programmatic API) → the runner's SupervisorEvent shapes.
// PM2's exit packets carry no pid: the pid is the instance's process that is now dead (from
// report-listening.cjs's online reports), so a duplicate packet maps to nothing. `expected` is PM2's
// own status at the exit (`stopping`: it asked for it).
import type { AppConfig } from '../../types.js';
import type { AppEvents } from './app-events.js';
import { reportOf } from './app-events.js';

interface Pm2Process {
  pm_id?: number | string;
  NODE_APP_INSTANCE?: number;
  status?: string;
  exit_code?: number;
  autorestart?: boolean;
  restart_delay?: number;
  prev_restart_delay?: number;
}
/** The packets the bus sends that the runner reads. */
export interface Pm2Packet {
  event?: string;
  at?: number;
  data?: unknown;
  raw?: unknown;
  process?: Pm2Process;
}

/** What the bus reader needs to know about the run: is a command or the final stop under way. */
export interface BusState {
  commanding: () => boolean;
  stopping: () => boolean;
}

/** Subscribes to PM2's bus and feeds AppEvents; returns nothing (the bus ends with the daemon). */
export function readBus(
  bus: { on(event: string, listener: (packet: Pm2Packet) => void): void },
  app: AppConfig,
  events: AppEvents,
  state: BusState,
  onLog?: (line: string) => void,
): void {
  const instanceOf = new Map<string, number>();
  const overLimit = new Set<number>();
  const idOf = (p: Pm2Process | undefined) => String(p?.pm_id ?? '').replace(/^_old_/, '');
  const instance = (p: Pm2Process | undefined) =>
    typeof p?.NODE_APP_INSTANCE === 'number' ? p.NODE_APP_INSTANCE : (instanceOf.get(idOf(p)) ?? 0);
  const base = (i: number, pid: number | null, t: number) => ({ t, app: app.name, instance: i, pid });

  bus.on('process:msg', (packet) => {
    const report = reportOf(packet);
    if (report) {
      instanceOf.set(idOf(packet.process), report.instance);
      events.report(report);
    } else if (packet.raw === 'ready' && app.wait_ready) {
      const i = instance(packet.process);
      const pid =
        events
          .live()
          .filter((l) => l.instance === i)
          .at(-1)?.pid ?? null;
      events.emitRaw({ ...base(i, pid, packet.at ?? Date.now()), type: 'ready' });
    }
  });
  bus.on('process:event', (packet) => {
    const t = packet.at ?? Date.now();
    const i = instance(packet.process);
    if (packet.event === 'restart overlimit') overLimit.add(i);
    if (packet.event !== 'exit') return;
    const expected = packet.process?.status === 'stopping';
    for (const pid of events.deadOf(i)) {
      // An exit PM2 asked for while nobody asked PM2 for anything: its memory check replaced it.
      if (expected && !state.commanding() && !state.stopping() && app.max_memory_restart !== null)
        events.emitRaw({
          ...base(i, pid, t),
          type: 'memory-limit',
          rss: null,
          limit: app.max_memory_restart,
        });
      events.exit(pid, i, { t, code: packet.process?.exit_code ?? null, signal: null, expected });
      if (expected || state.stopping()) continue;
      if (overLimit.delete(i))
        events.emitRaw({ ...base(i, pid, t), type: 'errored', reason: 'max_restarts', restarts: 0 });
      else if (packet.process?.autorestart !== false)
        events.emitRaw({
          ...base(i, pid, t),
          type: 'restart-scheduled',
          delay_ms: packet.process?.prev_restart_delay ?? packet.process?.restart_delay ?? 0,
          reason: 'exit',
          restarts: 0,
        });
    }
  });
  for (const channel of ['log:out', 'log:err'])
    bus.on(channel, (packet) => {
      if (typeof packet.data === 'string')
        for (const line of packet.data.split('\n')) if (line) onLog?.(line);
    });
}
