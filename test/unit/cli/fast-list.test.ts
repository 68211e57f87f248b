import { describe, expect, it } from 'vitest';
import { fastListOptions } from '../../../src/cli/fast-list.js';

const argv = (...words: string[]) => ['node', 'resilab', ...words];

describe('the list fast path takes exactly the bare list commands', () => {
  it('list, ls, status (with --json) and jlist', () => {
    expect(fastListOptions(argv('list'))).toEqual({ json: false });
    expect(fastListOptions(argv('ls', '--json'))).toEqual({ json: true });
    expect(fastListOptions(argv('status'))).toEqual({ json: false });
    expect(fastListOptions(argv('jlist'))).toEqual({ json: true });
  });

  it('leaves everything else (help, other flags, other commands) to the full CLI', () => {
    for (const words of [
      [],
      ['list', '--help'],
      ['list', '-h'],
      ['list', '--verbose'],
      ['list', 'extra'],
      ['jlist', '--json'],
      ['describe', 'api'],
      ['--version'],
    ])
      expect(fastListOptions(argv(...words)), words.join(' ')).toBeNull();
  });
});
