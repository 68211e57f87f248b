// Collects supervisor events and waits for the one a test needs (never a sleep).
import type { SupervisorEvent, SupervisorEventType } from '../../src/types.js';

type Of<T extends SupervisorEventType> = Extract<SupervisorEvent, { type: T }>;

/** Every event so far, and promises for the next ones. */
export class EventLog {
  readonly events: SupervisorEvent[] = [];
  private waiters: { match: (e: SupervisorEvent) => boolean; resolve: (e: SupervisorEvent) => void }[] = [];

  /** Pass as the supervisor's 'event' listener. */
  readonly push = (event: SupervisorEvent): void => {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(event)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  };

  /** Events of one type (event-loop reports excluded from nothing: ask for them by type). */
  of<T extends SupervisorEventType>(type: T): Of<T>[] {
    return this.events.filter((e): e is Of<T> => e.type === type);
  }

  /** The types in order, without the periodic event-loop reports. */
  types(filter: (e: SupervisorEvent) => boolean = () => true): string[] {
    return this.events.filter((e) => e.type !== 'event-loop' && filter(e)).map((e) => e.type);
  }

  /** Resolves with the count-th event (already seen or future) of type that matches. */
  waitFor<T extends SupervisorEventType>(
    type: T,
    match: (e: Of<T>) => boolean = () => true,
    count = 1,
    timeoutMs = 15_000,
  ): Promise<Of<T>> {
    const seen = this.of(type).filter(match);
    if (seen.length >= count) return Promise.resolve(seen[count - 1] as Of<T>);
    let remaining = count - seen.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${count}× '${type}' event after ${timeoutMs} ms`)),
        timeoutMs,
      );
      const check = (e: SupervisorEvent) => e.type === type && match(e as Of<T>) && --remaining === 0;
      this.waiters.push({
        match: check,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e as Of<T>);
        },
      });
    });
  }
}
