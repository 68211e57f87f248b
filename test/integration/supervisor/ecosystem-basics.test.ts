// The basics of PM2's Application Declaration, in one JSON file with comments started by one
// `resilab runtime`: several apps, env_<name> with --env, args and node_args as a string and as an
// array, `npm` + `args: 'start'` with the agent reaching the node that npm starts (its 'ready'),
// a .sh script run by bash, and interpreter 'none' for an executable.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { cleanup, FIXTURES, freePort } from '../../helpers/processes.js';
import { startRuntime, stopRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

it('several apps, --env staging, args/node_args as string and array, npm start, .sh, interpreter none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'resilab-basics-'));
  copyFileSync(join(FIXTURES, 'ecosystem-corpus', 'standin.cjs'), join(dir, 'standin.cjs'));
  mkdirSync(join(dir, 'web'));
  writeFileSync(
    join(dir, 'web', 'package.json'),
    JSON.stringify({ scripts: { start: 'node ../standin.cjs' } }),
  );
  writeFileSync(join(dir, 'serve.sh'), 'exec node standin.cjs "$@"\n');
  writeFileSync(join(dir, 'bin-app'), '#!/bin/sh\nexec node standin.cjs from-binary\n');
  chmodSync(join(dir, 'bin-app'), 0o755);
  const [p1, p2, p4, p5] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const file = join(dir, 'ecosystem.json');
  writeFileSync(
    file,
    `{
  // PM2 reads JSON files with comments
  "apps": [
    { "name": "strings", "script": "standin.cjs", "args": "a b", "node_args": "--max-old-space-size=64",
      "env": { "PORT": 1 }, "env_staging": { "PORT": ${p1} } },
    { "name": "arrays", "script": "standin.cjs", "args": ["x y", "z"], "node_args": ["--max-old-space-size=65"],
      "port": ${p2} },
    { "name": "npm", "script": "npm", "args": "start", "cwd": "web", "wait_ready": true },
    { "name": "shell", "script": "serve.sh", "args": "s", "env": { "PORT": ${p4} } },
    { "name": "binary", "script": "./bin-app", "interpreter": "none", "env": { "PORT": ${p5} } },
  ],
}
`,
  );
  const run = startRuntime([file, '--env', 'staging'], {}, dir);
  try {
    await waitForEvents(run, 'listening', 4);
    await waitForEvents(run, 'ready', 1);
    const ask = async (port: number) =>
      (await (await fetch(`http://127.0.0.1:${port}/`)).json()) as { argv: string[]; execArgv: string[] };
    expect(await ask(p1)).toMatchObject({ argv: ['a', 'b'] });
    expect((await ask(p1)).execArgv).toContain('--max-old-space-size=64');
    expect(await ask(p2)).toMatchObject({ argv: ['x y', 'z'] });
    expect((await ask(p2)).execArgv).toContain('--max-old-space-size=65');
    expect(await ask(p4)).toMatchObject({ argv: ['s'] });
    expect(await ask(p5)).toMatchObject({ argv: ['from-binary'] });
    // npm does not send 'ready': the node it starts does (a worker without a port), through the
    // agent's socket, the only channel it has
    const npmReady = run.events().filter((e) => e.app === 'npm' && e.type === 'ready');
    expect(npmReady).toHaveLength(1);
  } finally {
    expect(await stopRuntime(run)).toBe(0);
    // npm and a shell do not pass SIGINT on: the whole tree hears it, so nothing needed SIGKILL.
    expect(run.events().filter((e) => e.type === 'stopped' && e.forced)).toEqual([]);
  }
});
