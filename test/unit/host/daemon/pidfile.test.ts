import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquirePidFile, pidAlive, releasePidFile } from '../../../../src/host/daemon/pidfile.js';
import { lineSplitter } from '../../../../src/protocol/lines.js';

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-pid-'));
  file = join(dir, 'daemon.pid');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that existed and is gone: a child that already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
  return Number(child.stdout.trim());
}

describe('pid file lock', () => {
  it('is taken once: a second taker with a live holder is refused and told who holds it', () => {
    expect(acquirePidFile(file, process.pid)).toEqual({ ok: true, staleRemoved: null });
    expect(acquirePidFile(file, 999_999_999)).toEqual({ ok: false, holder: process.pid });
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
  });

  it('replaces a stale file (its pid is gone, or it holds no pid) and says so', () => {
    const dead = deadPid();
    expect(pidAlive(dead)).toBe(false);
    writeFileSync(file, `${dead}\n`);
    expect(acquirePidFile(file, process.pid)).toEqual({ ok: true, staleRemoved: dead });
    writeFileSync(file, '');
    expect(acquirePidFile(file, process.pid)).toEqual({ ok: true, staleRemoved: 0 });
  });

  it('is released only by its owner', () => {
    acquirePidFile(file, process.pid);
    releasePidFile(file, 12345);
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    releasePidFile(file, process.pid);
    expect(acquirePidFile(file, process.pid).ok).toBe(true);
  });
});

describe('lineSplitter', () => {
  it('joins lines split across chunks (also inside a UTF-8 character) and skips an oversized line', () => {
    const lines: string[] = [];
    let overflows = 0;
    const feed = lineSplitter(
      (line) => lines.push(line),
      () => overflows++,
      16,
    );
    const text = Buffer.from('{"a":"é"}\n\n{"b":2}\nxxxxxxxxxxxxxxxxxxxxxxxx');
    feed(text.subarray(0, 7)); // cuts "é" in half
    feed(text.subarray(7));
    feed(Buffer.from('yyyy\n{"c":3}\n'));
    expect(lines).toEqual(['{"a":"é"}', '{"b":2}', '{"c":3}']);
    expect(overflows).toBe(1);
  });
});
