// `cron_restart`: restarts an app on a schedule, as PM2 does. The schedule is croner's (a well-kept
// parser: 5 fields, or 6 with seconds first); the scheduler is injected so the engine's unit tests
// can drive it on a fake clock. croner is imported when the first schedule starts: a supervisor
// whose apps have none does not carry it (its RSS is a measured figure).

/** A running schedule. */
export interface CronSchedule {
  stop(): void;
}

/** Calls `tick` at every time `pattern` names until stopped. */
export type CronScheduler = (pattern: string, tick: () => void) => CronSchedule;

/** The real scheduler: croner, with its timer unref'd so a schedule alone keeps no host alive. */
export const cronScheduler: CronScheduler = (pattern, tick) => {
  let job: { stop(): void } | null = null;
  let stopped = false;
  // The pattern was checked when the config was resolved, so a late failure here is not expected.
  void import('croner').then(({ Cron }) => {
    if (!stopped) job = new Cron(pattern, { unref: true, protect: true }, () => tick());
  });
  return {
    stop: () => {
      stopped = true;
      job?.stop();
    },
  };
};
