import { describe, expect, it } from 'vitest';
import { globToRegExp, ignoreMatcher, shownPath, watchRoots } from '../../../src/supervisor/watch-ignore.js';

const cwd = '/srv/app';
const matcher = (ignore_watch: string[] = [], ownFiles: string[] = []) =>
  ignoreMatcher({ cwd, ignore_watch, ownFiles });

describe('globToRegExp', () => {
  it('* stays within a name, ** crosses folders, ? is one character, the rest is literal', () => {
    expect(globToRegExp('*.log').test('out.log')).toBe(true);
    expect(globToRegExp('*.log').test('a/out.log')).toBe(false);
    expect(globToRegExp('data/**').test('data/a/b.json')).toBe(true);
    expect(globToRegExp('v?.js').test('v1.js')).toBe(true);
    expect(globToRegExp('v?.js').test('v10.js')).toBe(false);
    expect(globToRegExp('a.b').test('axb')).toBe(false);
  });
});

describe('ignoreMatcher', () => {
  it('ignores node_modules, dot-folders (as PM2) and *.log below the watched root by default', () => {
    const ignored = matcher();
    expect(ignored('/srv/app/node_modules/x/index.js', cwd)).toBe(true);
    expect(ignored('/srv/app/.git/index', cwd)).toBe(true);
    expect(ignored('/srv/app/src/.cache/a', cwd)).toBe(true);
    expect(ignored('/srv/app/src/server.js', cwd)).toBe(false);
    expect(ignored('/srv/app/logs/app.log', cwd)).toBe(true);
    // A dot-folder named in `watch` is watched: only what is below the root counts.
    expect(ignored('/srv/app/.config/app.json', '/srv/app/.config')).toBe(false);
  });

  it('an entry without a slash matches that name at any depth, folders with everything under them', () => {
    const ignored = matcher(['*.tmp', 'tmp']);
    expect(ignored('/srv/app/a.tmp', cwd)).toBe(true);
    expect(ignored('/srv/app/logs/deep/x.tmp', cwd)).toBe(true);
    expect(ignored('/srv/app/src/tmp/cache.json', cwd)).toBe(true);
    expect(ignored('/srv/app/src/tmp.js', cwd)).toBe(false);
    expect(ignored('/srv/app/tmpfile.js', cwd)).toBe(false);
  });

  it('an entry with a slash is a path from cwd (./ and a trailing / allowed), or absolute', () => {
    const ignored = matcher(['./src/generated/', 'data/*.json', '/var/cache']);
    expect(ignored('/srv/app/src/generated/a.js', cwd)).toBe(true);
    expect(ignored('/srv/app/lib/src/generated/a.js', cwd)).toBe(false);
    expect(ignored('/srv/app/data/x.json', cwd)).toBe(true);
    expect(ignored('/srv/app/data/x.js', cwd)).toBe(false);
    expect(ignored('/var/cache/a', '/var')).toBe(true);
    expect(ignored('/var/cachet/a', '/var')).toBe(false);
  });

  it("ignores the supervisor's own files: logs, their instance forms and rotated copies", () => {
    const ignored = matcher([], ['/srv/app/out/api-out.txt', '/srv/app/events.jsonl']);
    expect(ignored('/srv/app/out/api-out.txt', cwd)).toBe(true);
    expect(ignored('/srv/app/out/api-out-3.txt', cwd)).toBe(true);
    expect(ignored('/srv/app/out/api-out-0.txt.2', cwd)).toBe(true);
    expect(ignored('/srv/app/events.jsonl', cwd)).toBe(true);
    expect(ignored('/srv/app/out/api-outage.txt', cwd)).toBe(false);
    expect(ignored('/srv/app/out/server.js', cwd)).toBe(false);
  });
});

describe('watchRoots and shownPath', () => {
  const resolve = (p: string) => `${cwd}/${p}`;
  it('true or [] watches cwd; a list is resolved from cwd, without duplicates; false watches nothing', () => {
    expect(watchRoots({ cwd, watch: true }, resolve)).toEqual([cwd]);
    expect(watchRoots({ cwd, watch: [] }, resolve)).toEqual([cwd]);
    expect(watchRoots({ cwd, watch: ['src', 'src'] }, resolve)).toEqual(['/srv/app/src']);
    expect(watchRoots({ cwd, watch: false }, resolve)).toEqual([]);
  });

  it('shows a change relative to cwd when under it', () => {
    expect(shownPath(cwd, '/srv/app/src/a.js')).toBe('src/a.js');
    expect(shownPath(cwd, '/etc/app.json')).toBe('/etc/app.json');
  });
});
