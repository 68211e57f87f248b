// PM2's documented patterns through `resilab start` and the background daemon, as a PM2 user types
// them, in a project folder of their own (the fixture apps copied in, an ecosystem file written):
// Quick Start and Environment (--update-env), the CLI words of PM2's reference (pid, env, reset,
// sendSignal, reloadLogs, prettylist, ping, startup/unstartup), and Cluster Mode with ES modules
// (reload with env_production under load, restart one instance after another), and Watch.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, listJson, probeDuring, trackDaemon, withTempHome } from '../../helpers/daemon.js';
import { loadWhile } from '../../helpers/load.js';
import { FIXTURES, freePort, track, waitFor } from '../../helpers/processes.js';

let dir = '';
let home = '';
withTempHome('resilab-docs-', (d, h) => {
  dir = d;
  home = h;
});

const DOCS = `${FIXTURES}pm2-docs/`;

/** GET / on a fresh connection, parsed as JSON. */
function get(port: number): Promise<Record<string, string | number>> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve(JSON.parse(body)));
    })
      .on('error', reject)
      .end();
  });
}

/** Runs the CLI in the project folder and expects exit 0; returns stdout. */
async function ok(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = await cli(home, args, dir, env);
  expect(result.code, `resilab ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

describe('PM2 docs through resilab start and the daemon', () => {
  it('Quick Start, --update-env, pid / env / reset / sendSignal / reloadLogs / prettylist / ping / unstartup, watch', async () => {
    cpSync(`${DOCS}app.js`, join(dir, 'app.js'));
    const port = await freePort();
    await ok(['start', 'app.js', '--name', 'api'], { PORT: String(port), GREETING: 'hello' });
    trackDaemon(home);
    const [row] = await listJson(home, dir);
    track(row?.pid ?? undefined);
    expect(row).toMatchObject({ app: 'api', id: 0, state: 'listening' });
    expect(await get(port)).toMatchObject({ GREETING: 'hello', instance: '0' });

    // Environment: a restart keeps the env it was started with; --update-env hands over the shell's.
    await ok(['restart', 'api'], { GREETING: 'bonjour' });
    expect(await get(port)).toMatchObject({ GREETING: 'hello' });
    await ok(['restart', 'api', '--update-env'], { GREETING: 'hola' });
    expect(await get(port)).toMatchObject({ GREETING: 'hola' });

    // pid and env <id>
    const [now] = await listJson(home, dir);
    track(now?.pid ?? undefined);
    expect((await ok(['pid', 'api'])).trim()).toBe(String(now?.pid));
    expect(await ok(['pid', 'ghost'])).toBe('');
    const env = await ok(['env', '0']);
    expect(env).toMatch(/^GREETING: hola$/m);
    expect(env).toMatch(/^NODE_APP_INSTANCE: 0$/m);
    expect((await cli(home, ['env', 'api'], dir)).code).toBe(2);

    // reset: the restart counter back to 0
    expect(now?.restarts).toBe(2);
    await ok(['reset', 'api']);
    expect((await listJson(home, dir))[0]?.restarts).toBe(0);

    // sendSignal, and reloadLogs after the log file was moved away (as logrotate does)
    const out = join(home, 'logs', 'api-out-0.log');
    await ok(['sendSignal', 'SIGUSR2', 'api']);
    await waitFor('got SIGUSR2 in the log', () => readFileSync(out, 'utf8').includes('got SIGUSR2') || null);
    renameSync(out, `${out}.1`);
    await ok(['reloadLogs']);
    await ok(['sendSignal', 'SIGUSR2', '0']);
    await waitFor('a new log file', () => (existsSync(out) && readFileSync(out, 'utf8')) || null);
    expect(readFileSync(out, 'utf8')).toBe('got SIGUSR2\n');
    expect((await cli(home, ['sendSignal', 'SIGNOPE', 'api'], dir)).code).toBe(2);

    // prettylist, ping, startup / unstartup (PM2's unstartup runs the removal with sudo; resilab
    // prints the commands: README "Differences from PM2")
    const pretty = await ok(['prettylist']);
    expect(pretty).toContain('\n  {\n    "app": "api"');
    expect(JSON.parse(pretty)).toMatchObject([{ app: 'api', restarts: 0 }]);
    expect(JSON.parse(await ok(['ping']))).toEqual({ msg: 'pong', pid: trackDaemon(home) });
    expect(await ok(['startup'])).toContain('ExecStart=');
    expect(await ok(['unstartup'])).toMatch(/^sudo systemctl disable --now resilab-.+\.service$/m);

    // Watch (Restart Strategies): watch: ['server', 'client'], ignore_watch: ['node_modules', 'client/img']
    for (const folder of ['server', 'client/img']) mkdirSync(join(dir, folder), { recursive: true });
    cpSync(`${DOCS}app.js`, join(dir, 'server', 'index.js'));
    writeFileSync(
      join(dir, 'watch.config.js'),
      `module.exports = {
  apps: [{
    name: 'watched',
    script: './server/index.js',
    watch: ['server', 'client'],
    ignore_watch: ['node_modules', 'client/img'],
    env: { PORT: process.env.WATCH_PORT },
  }],
};
`,
    );
    await ok(['start', 'watch.config.js'], { WATCH_PORT: String(await freePort()) });
    const watchedPid = (await ok(['pid', 'watched'])).trim();
    track(Number(watchedPid));
    writeFileSync(
      join(dir, 'server', 'index.js'),
      `${readFileSync(join(dir, 'server', 'index.js'), 'utf8')}\n// v2\n`,
    );
    let replaced: number | null = null;
    for (const deadline = Date.now() + 10_000; replaced === null && Date.now() < deadline; ) {
      const [row] = (await listJson(home, dir)).filter((r) => r.app === 'watched');
      if (row?.state === 'listening' && String(row.pid) !== watchedPid) replaced = row.pid;
    }
    expect(replaced, 'a new listening pid after the change').not.toBeNull();
    track(replaced ?? undefined);
    await ok(['kill']);
  });

  it('Cluster Mode with ES modules: .mjs and "type": "module"; reload --env production under load; restart in turn', async () => {
    cpSync(`${DOCS}server.mjs`, join(dir, 'server.mjs'));
    cpSync(`${DOCS}esm-package`, join(dir, 'esm-package'), { recursive: true });
    writeFileSync(
      join(dir, 'ecosystem.config.js'),
      `module.exports = {
  apps: [
    {
      name: 'mjs',
      script: './server.mjs',
      instances: 2,
      exec_mode: 'cluster',
      env: { PORT: process.env.MJS_PORT, NODE_ENV: 'development' },
      env_production: { NODE_ENV: 'production' },
    },
    {
      name: 'pkg',
      script: './esm-package/server.js',
      instances: 2,
      exec_mode: 'cluster',
      env: { PORT: process.env.PKG_PORT, NODE_ENV: 'development' },
      env_production: { NODE_ENV: 'production' },
    },
  ],
};
`,
    );
    const ports = { MJS_PORT: String(await freePort()), PKG_PORT: String(await freePort()) };
    await ok(['start', 'ecosystem.config.js'], ports);
    trackDaemon(home);
    const rows = await listJson(home, dir);
    for (const row of rows) track(row.pid ?? undefined);
    expect(rows.map((row) => [row.app, row.state])).toEqual([
      ['mjs', 'listening'],
      ['mjs', 'listening'],
      ['pkg', 'listening'],
      ['pkg', 'listening'],
    ]);
    expect(await get(Number(ports.MJS_PORT))).toMatchObject({ NODE_ENV: 'development' });

    // `pm2 reload ecosystem.config.js --env production`: zero failed requests, and the new env.
    // (PM2's reload resets connections under load: 163–207 failed per 3 reloads; README differences.)
    const load = await loadWhile(`http://127.0.0.1:${ports.MJS_PORT}/`, {
      connections: 10,
      durationS: 2,
      after: 200,
      during: () => ok(['reload', 'ecosystem.config.js', '--env', 'production'], ports),
    });
    await load.duringDone;
    expect(load.ok).toBeGreaterThan(200);
    expect(load.failed).toBe(0);
    expect(await get(Number(ports.MJS_PORT))).toMatchObject({ NODE_ENV: 'production' });
    expect(await get(Number(ports.PKG_PORT))).toMatchObject({ NODE_ENV: 'production' });
    const reloaded = await listJson(home, dir);
    for (const row of reloaded) track(row.pid ?? undefined);
    expect(reloaded.every((row) => !rows.some((old) => old.pid === row.pid))).toBe(true);

    // `restart` of a cluster: one worker after another (PM2's order), so a fresh connection always
    // finds one. Each process is still stopped hard, not reloaded: restarts count, pids change.
    // (PM2 kills each worker while it still gets connections; resilab takes it out of rotation first.)
    const probes = await probeDuring(Number(ports.PKG_PORT), ok(['restart', 'pkg']));
    expect(probes.ok).toBeGreaterThan(0);
    expect(probes.failed).toBe(0);
    const restarted = (await listJson(home, dir)).filter((row) => row.app === 'pkg');
    for (const row of restarted) track(row.pid ?? undefined);
    expect(restarted.map((row) => row.restarts)).toEqual([2, 2]);
    await ok(['kill']);
  });
});
