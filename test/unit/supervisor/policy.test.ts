import { describe, expect, it } from 'vitest';
import {
  decideRestart,
  type ExitFacts,
  initialHistory,
  type RestartHistory,
  type RestartPolicy,
} from '../../../src/supervisor/policy.js';

const policy: RestartPolicy = {
  autorestart: true,
  stop_exit_codes: [],
  min_uptime: 1000,
  max_restarts: 16,
  restart_delay: 0,
  exp_backoff_restart_delay: 0,
  exp_backoff_max_delay: 15_000,
  exp_backoff_reset_after: 30_000,
};
const crash: ExitFacts = { code: 1, signal: null, uptime_ms: 50, expected: false };
const stable: ExitFacts = { code: 1, signal: null, uptime_ms: 5000, expected: false };

/** Feeds exits one after another, as the supervisor does, and returns every decision. */
function run(exits: ExitFacts[], app: RestartPolicy) {
  let history: RestartHistory = initialHistory;
  return exits.map((exit) => {
    const decision = decideRestart(exit, history, app);
    history = decision.history;
    return decision;
  });
}

describe('decideRestart: stop cases', () => {
  it.each([
    ['an expected exit', { ...crash, expected: true }, policy, 'the supervisor asked for this exit'],
    ['autorestart false', crash, { ...policy, autorestart: false }, 'autorestart is off'],
    [
      'a code in stop_exit_codes',
      { ...crash, code: 42 },
      { ...policy, stop_exit_codes: [0, 42] },
      'exit code 42 is in stop_exit_codes',
    ],
  ])('%s → stop', (_label, exit, app, reason) => {
    const decision = decideRestart(exit, initialHistory, app);
    expect(decision).toEqual({ action: 'stop', reason, history: initialHistory });
  });

  it('a signal exit is not matched by stop_exit_codes', () => {
    const decision = decideRestart({ ...crash, code: null, signal: 'SIGKILL' }, initialHistory, {
      ...policy,
      stop_exit_codes: [0],
    });
    expect(decision.action).toBe('restart');
    expect(decision.reason).toMatch(/^killed by SIGKILL after 50 ms/);
  });

  it('exit code 0 restarts unless listed (as PM2)', () => {
    expect(decideRestart({ ...stable, code: 0 }, initialHistory, policy).action).toBe('restart');
  });
});

describe('decideRestart: crash loop', () => {
  it('a crash-on-boot app with max_restarts 10 boots 10 times, then errored', () => {
    const decisions = run(Array(10).fill(crash), { ...policy, max_restarts: 10 });
    expect(decisions.map((d) => d.action)).toEqual([...Array(9).fill('restart'), 'errored']);
    const last = decisions[9]!;
    expect(last.reason).toBe('10 unstable exits in a row (each up < 1000 ms): not restarting');
    expect(last.history).toEqual({ restarts: 9, unstable: 10, backoff_ms: null });
  });

  it('also reaches errored when backoff spreads the boots out (unlike PM2)', () => {
    const decisions = run(Array(5).fill(crash), {
      ...policy,
      max_restarts: 5,
      exp_backoff_restart_delay: 100,
    });
    expect(decisions.map((d) => d.action)).toEqual(['restart', 'restart', 'restart', 'restart', 'errored']);
  });

  it('counts at any time, not only early after creation (the window is the last starts)', () => {
    const exits = [stable, stable, stable, crash, crash, crash];
    const decisions = run(exits, { ...policy, max_restarts: 3 });
    expect(decisions.map((d) => d.action)).toEqual([
      'restart',
      'restart',
      'restart',
      'restart',
      'restart',
      'errored',
    ]);
  });

  it('a stable run resets the unstable count', () => {
    const decisions = run([crash, crash, stable, crash, crash], { ...policy, max_restarts: 3 });
    expect(decisions.map((d) => d.history.unstable)).toEqual([1, 2, 0, 1, 2]);
    expect(decisions.every((d) => d.action === 'restart')).toBe(true);
  });

  it('an uptime of exactly min_uptime is stable', () => {
    const decision = decideRestart(
      { ...crash, uptime_ms: 1000 },
      { ...initialHistory, unstable: 15 },
      policy,
    );
    expect(decision.action).toBe('restart');
    expect(decision.history.unstable).toBe(0);
  });

  it('reports the unstable count in the restart reason', () => {
    expect(decideRestart(crash, initialHistory, policy).reason).toBe(
      'exit code 1 after 50 ms (unstable 1/16)',
    );
    expect(decideRestart(stable, initialHistory, policy).reason).toBe('exit code 1 after 5000 ms');
  });
});

describe('decideRestart: delays', () => {
  it('restart_delay without backoff', () => {
    const decisions = run([crash, crash, stable], { ...policy, restart_delay: 250 });
    expect(decisions.map((d) => (d.action === 'restart' ? d.delay_ms : null))).toEqual([250, 250, 250]);
    expect(decisions.map((d) => d.history.restarts)).toEqual([1, 2, 3]);
  });

  it('exponential backoff: 100, 150, 225, 337.5, … capped at exp_backoff_max_delay', () => {
    const app = { ...policy, max_restarts: 100, exp_backoff_restart_delay: 100, exp_backoff_max_delay: 1000 };
    const delays = run(Array(9).fill(crash), app).map((d) => (d.action === 'restart' ? d.delay_ms : null));
    expect(delays).toEqual([100, 150, 225, 337.5, 506.25, 759.375, 1000, 1000, 1000]);
  });

  it('backoff resets to the first delay when the run stayed up exp_backoff_reset_after', () => {
    const app = { ...policy, exp_backoff_restart_delay: 100, exp_backoff_reset_after: 2000 };
    const exits = [crash, crash, crash, { ...crash, uptime_ms: 2000 }, crash];
    const delays = run(exits, app).map((d) => (d.action === 'restart' ? d.delay_ms : null));
    expect(delays).toEqual([100, 150, 225, 100, 150]);
  });

  it('a stable run shorter than exp_backoff_reset_after keeps growing the backoff', () => {
    const app = { ...policy, exp_backoff_restart_delay: 100, exp_backoff_reset_after: 30_000 };
    const delays = run([crash, stable, stable], app).map((d) => (d.action === 'restart' ? d.delay_ms : null));
    expect(delays).toEqual([100, 150, 225]);
  });

  it('is pure: the history passed in is never modified', () => {
    const history = { restarts: 3, unstable: 2, backoff_ms: 150 };
    decideRestart(crash, history, { ...policy, exp_backoff_restart_delay: 100 });
    expect(history).toEqual({ restarts: 3, unstable: 2, backoff_ms: 150 });
  });
});
