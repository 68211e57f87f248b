import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, FIXTURES, freePort, SAMPLE_APPS, waitFor } from '../../helpers/processes.js';
import { startRuntime, stopRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

describe('log files of resilab runtime', () => {
  it("a crashing app's stack trace is in its error log, once per boot", async () => {
    const port = await freePort();
    const run = startRuntime([`${SAMPLE_APPS}http-app.js`, '--name', 'crashy', '--max-restarts', '2'], {
      PORT: String(port),
      CRASH_ON_BOOT: '1',
    });
    await waitForEvents(run, 'errored');
    run.child.kill('SIGINT'); // it may already have ended: only the log is asserted here
    await run.exited;
    const errors = readFileSync(join(run.home, 'logs', 'crashy-error-0.log'), 'utf8');
    expect(errors.match(/Error: CRASH_ON_BOOT=1: this deploy fails on start/g)).toHaveLength(2);
    expect(errors).toMatch(/\n\s+at boot \(.*sample-apps\/routes\.js:\d+:\d+\)/);
    expect(run.events().filter((e) => e.type === 'spawn')).toHaveLength(2);
  });

  it('rotates under a small max_log_size, keeps retain files, loses no recent line (time prefixes)', async () => {
    const lines = 1000; // 100 bytes each, ~126 with the timestamp: ~126 KB through 20 KB files
    const file = join(FIXTURES, 'ecosystem', 'chatty.config.json');
    const run = startRuntime([file], { LINES: String(lines) });
    await waitFor('the last line', () => run.child.output().includes('chatty:0 | chatty done'));
    expect(await stopRuntime(run)).toBe(0);

    const dir = join(run.home, 'logs');
    const names = readdirSync(dir)
      .filter((name) => name.startsWith('chatty-out-0.log'))
      .sort();
    expect(names).toEqual(['chatty-out-0.log', 'chatty-out-0.log.1', 'chatty-out-0.log.2']);
    for (const name of names) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(20 * 1024);
    const kept = ['chatty-out-0.log.2', 'chatty-out-0.log.1', 'chatty-out-0.log']
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('')
      .trimEnd()
      .split('\n');
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z: /;
    expect(kept.every((line) => iso.test(line))).toBe(true);
    const texts = kept.map((line) => line.replace(iso, '').replace(/\.+$/, ''));
    expect(texts.at(-1)).toBe('chatty done');
    // The kept lines are the newest ones, contiguous and in order.
    const first = Number(texts[0]?.replace('line ', ''));
    expect(first).toBeGreaterThan(0);
    expect(texts.slice(0, -1)).toEqual(Array.from({ length: lines - first }, (_, i) => `line ${first + i}`));
  });

  it('an unfinished last line of a crashed process reaches the output and the log file at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'resilab-eco-'));
    const file = join(dir, 'ecosystem.config.json');
    const app = {
      name: 'words',
      script: join(FIXTURES, 'apps', 'last-words.js'),
      time: true,
      max_restarts: 1,
    };
    writeFileSync(file, JSON.stringify({ apps: [app] }));
    const run = startRuntime([file, '--no-auto-exit']);
    await waitForEvents(run, 'errored');
    await waitFor('the last words on stderr', () =>
      run.child.errors().includes('words:0 | fatal: the last words have no newline'),
    );
    // the runtime still runs: the words were flushed when the process ended, not at shutdown
    const log = join(run.home, 'logs', 'words-error-0.log');
    await waitFor(
      'the last words in the error log',
      () => existsSync(log) && readFileSync(log, 'utf8').includes('the last words have no newline'),
    );
    expect(readFileSync(log, 'utf8')).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z: fatal: the last words have no newline\n/m,
    );
    expect(await stopRuntime(run)).toBe(0);
  });
});
