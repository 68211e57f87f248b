import { describe, expect, it } from 'vitest';
import { flagArgs } from '../../../../src/runner/managers/resilab.js';

describe('SupervisorClient flags → runtime arguments', () => {
  it('maps RuntimeFlags to the PM2-style flags, args after --', () => {
    expect(
      flagArgs(
        {
          instances: 'max',
          name: 'api',
          restartDelay: '0',
          waitReady: true,
          autorestart: false,
          args: ['-x'],
        },
        ['y'],
      ),
    ).toEqual([
      '--instances',
      'max',
      '--name',
      'api',
      '--restart-delay',
      '0',
      '--wait-ready',
      '--no-autorestart',
      '--',
      '-x',
      'y',
    ]);
    expect(flagArgs({})).toEqual([]);
  });
});
