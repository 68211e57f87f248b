import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LogFile, rotateFiles } from '../../../src/supervisor/log-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-logfile-'));
});

describe('LogFile', () => {
  it('writes every chunk in order, creating the directory; flush means on disk', async () => {
    const path = join(dir, 'deep', 'app.log');
    const file = new LogFile(path, { maxSize: null, retain: 5 });
    const expected: string[] = [];
    for (let i = 0; i < 2000; i++) {
      expected.push(`line ${i}\n`);
      file.write(Buffer.from(`line ${i}\n`));
      if (i % 500 === 0) await Promise.resolve(); // let the writer start mid-way
    }
    await file.flush();
    expect(readFileSync(path, 'utf8')).toBe(expected.join(''));
    await file.close();
  });

  it('appends to an existing file', async () => {
    const path = join(dir, 'app.log');
    writeFileSync(path, 'before\n');
    const file = new LogFile(path, { maxSize: null, retain: 5 });
    file.write(Buffer.from('after\n'));
    await file.close();
    expect(readFileSync(path, 'utf8')).toBe('before\nafter\n');
  });

  it('rotates before a write would pass max size, keeps `retain` old files, drops the oldest, loses nothing recent', async () => {
    const path = join(dir, 'app.log');
    const file = new LogFile(path, { maxSize: 100, retain: 3 });
    const lines = Array.from({ length: 60 }, (_, i) => `line ${String(i).padStart(3, '0')}\n`); // 9 bytes each
    for (const line of lines) file.write(Buffer.from(line));
    await file.close();
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['app.log', 'app.log.1', 'app.log.2', 'app.log.3']);
    for (const name of names) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(100);
    // Newest last: .3 .2 .1 current hold the most recent lines, contiguous and in order.
    const kept = ['app.log.3', 'app.log.2', 'app.log.1', 'app.log']
      .map((n) => readFileSync(join(dir, n), 'utf8'))
      .join('');
    expect(kept).toBe(lines.slice(60 - kept.split('\n').length + 1).join(''));
    expect(readFileSync(path, 'utf8').endsWith('line 059\n')).toBe(true);
    expect(readFileSync(join(dir, 'app.log.1'), 'utf8')).toHaveLength(99); // 11 lines of 9 bytes
  });

  it('a big chunk of many lines is split at line boundaries, so no file passes max size', async () => {
    const path = join(dir, 'app.log');
    const file = new LogFile(path, { maxSize: 100, retain: 10 });
    const lines = Array.from({ length: 30 }, (_, i) => `line ${String(i).padStart(3, '0')}\n`); // 9 bytes each
    file.write(Buffer.from(lines.join('')));
    await file.close();
    const names = ['app.log.2', 'app.log.1', 'app.log'];
    expect(readdirSync(dir).sort()).toEqual(['app.log', 'app.log.1', 'app.log.2']);
    const contents = names.map((name) => readFileSync(join(dir, name), 'utf8'));
    expect(contents.map((c) => c.length)).toEqual([99, 99, 72]);
    expect(contents.join('')).toBe(lines.join(''));
    for (const content of contents) expect(content.length).toBeLessThanOrEqual(100);
    for (const content of contents) expect(content.endsWith('\n')).toBe(true);
  });

  it('a single line longer than max size is cut at the size', async () => {
    const path = join(dir, 'app.log');
    const file = new LogFile(path, { maxSize: 10, retain: 2 });
    file.write(Buffer.from('small\n'));
    file.write(Buffer.from('a much longer chunk\n'));
    await file.close();
    expect(readFileSync(join(dir, 'app.log.2'), 'utf8')).toBe('small\n');
    expect(readFileSync(join(dir, 'app.log.1'), 'utf8')).toBe('a much lon');
    expect(readFileSync(path, 'utf8')).toBe('ger chunk\n');
  });
});

describe('rotateFiles', () => {
  it('retain 0 just removes the file', async () => {
    const path = join(dir, 'x.log');
    writeFileSync(path, 'x');
    await rotateFiles(path, 0);
    expect(existsSync(path)).toBe(false);
  });

  it('shifts numbered files up and tolerates gaps', async () => {
    const path = join(dir, 'x.log');
    writeFileSync(path, 'current');
    writeFileSync(`${path}.2`, 'two');
    await rotateFiles(path, 3);
    expect(readdirSync(dir).sort()).toEqual(['x.log.1', 'x.log.3']);
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('current');
    expect(readFileSync(`${path}.3`, 'utf8')).toBe('two');
  });
});
