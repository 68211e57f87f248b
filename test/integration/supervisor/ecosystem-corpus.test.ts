// Real ecosystem files from public repositories (test/fixtures/ecosystem-corpus/<owner>__<repo>/),
// their scripts replaced by one stand-in server, each started by `resilab runtime` from the folder a
// PM2 user would run `pm2 start` in. Each test asserts the ports PM2 would serve (PORT from env,
// env_<name>, `port`, increment_var …) answer, or, for a file broken for PM2 too, resilab's message.
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { usableCpus } from '../../../src/config/cpus.js';
import { cleanup, FIXTURES, waitFor } from '../../helpers/processes.js';
import { type RuntimeRun, startRuntime, stopRuntime, waitForEvents } from '../../helpers/runtime-cli.js';

afterEach(async () => {
  expect(await cleanup()).toEqual([]);
});

/** One corpus file: where PM2 would be run, the file as typed there, and what PM2 would serve. */
interface Entry {
  dir: string;
  target: string;
  flags?: string[];
  env?: Record<string, string>;
  /** Ports that must answer 200 (the stand-in echoes its port and argv). */
  ports: number[];
  /** How many `listening` events (or `wait` events) to wait for before asking the ports. */
  wait: { type: 'listening' | 'online' | 'ready'; count: number };
  argv?: string[];
}

let root = '';
beforeAll(() => {
  // A copy, so logs and pid files never land in the repository.
  root = mkdtempSync(join(tmpdir(), 'resilab-corpus-'));
  cpSync(join(FIXTURES, 'ecosystem-corpus'), root, { recursive: true });
});

/** Starts every entry at once (their ports differ), checks each, stops them all. */
async function serveAll(entries: Entry[]): Promise<RuntimeRun[]> {
  const runs = entries.map((entry) =>
    startRuntime([entry.target, ...(entry.flags ?? [])], { HOME: root, ...entry.env }, join(root, entry.dir)),
  );
  try {
    await Promise.all(
      entries.map(async (entry, i) => {
        const run = runs[i]!;
        await waitForEvents(run, entry.wait.type, entry.wait.count);
        for (const port of entry.ports) {
          const response = await fetch(`http://127.0.0.1:${port}/`);
          expect(response.status, `${entry.dir} :${port}`).toBe(200);
          const body = (await response.json()) as { port: number; argv: string[] };
          expect(body.port).toBe(port);
          if (entry.argv) expect(body.argv).toEqual(entry.argv);
        }
      }),
    );
  } finally {
    await Promise.all(runs.map((run) => stopRuntime(run)));
  }
  return runs;
}

describe('ecosystem files from public repositories', () => {
  it('increment_var, fork and cluster, `node` as the script, a subfolder config, python3', async () => {
    const runs = await serveAll([
      // cluster ×4, increment_var PORT from 3000; log_file, combine_logs, watch
      {
        dir: 'damian0o__node-examples/node-web/pm2-express-basic-cluster',
        target: 'ecosystem.config.js',
        ports: [3000, 3001, 3002, 3003],
        wait: { type: 'listening', count: 4 },
      },
      // script 'node' (found on PATH, a binary: run by itself) + args 'index.js', fork ×3, PORT 4000+i
      {
        dir: 'srikanth-karthi__Docker-node',
        target: 'ecosystem.config.js',
        ports: [4000, 4001, 4002],
        wait: { type: 'listening', count: 3 },
      },
      // fork ×4, increment_var on SERVER_PORT 10510 (the stand-in reads that variable here)
      {
        dir: 'totoraj930__gbs-open-server',
        target: 'sub.config.js',
        env: { STANDIN_PORT_VAR: 'SERVER_PORT' },
        ports: [10510, 10511, 10512, 10513],
        wait: { type: 'listening', count: 4 },
      },
      // python3 web_app.py with PORT 3545 (no agent: ready from the port)
      {
        dir: 'HubertNdunyo__JiraDataXl',
        target: 'ecosystem.config.js',
        ports: [3545],
        wait: { type: 'listening', count: 1 },
      },
      // node/server.config.js run from the project root: ./node/server.js is read from there;
      // increment_var PORT without a PORT → 0 + 0 → any free port, as PM2
      {
        dir: 'MathisonProjects__webpire',
        target: 'node/server.config.js',
        ports: [],
        wait: { type: 'listening', count: 1 },
      },
      // python3 without a port: a worker, up as PM2 shows it ('online')
      {
        dir: 'xyzroe__xyzroe.github.io/content/posts/gaz',
        target: 'ecosystem.config.js',
        ports: [],
        wait: { type: 'online', count: 1 },
      },
    ]);
    const webpire = runs[4]!.events().find((event) => event.type === 'listening') as { port?: number };
    expect(webpire.port).toBeGreaterThan(0);
    // log_file: out and err together (time: true prefixes each line)
    const combined = readFileSync(join(root, 'HubertNdunyo__JiraDataXl/logs/pm2-combined-0.log'), 'utf8');
    expect(combined).toMatch(/^\d{4}-\d\d-\d\dT.*: standin pid \d+ argv \[\]$/m);
  });

  it('`port`, npm through bash -c, env_production, cluster on one port, args, wait_ready, NULL and ~ logs', async () => {
    const runs = await serveAll([
      // script 'npm run start' → bash -c (PM2's rule: its `args` are replaced); port: 3000 → env.PORT
      {
        dir: 'ingeniumhq__ingeniumfe',
        target: 'ecosystem.config.js',
        ports: [3000],
        wait: { type: 'listening', count: 1 },
      },
      // cluster ×1, .cjs, PORT 3001
      {
        dir: 'burnsg74__pm/pm-backend',
        target: 'ecosystem.config.cjs',
        ports: [3001],
        wait: { type: 'listening', count: 1 },
      },
      // PORT only in env_production
      {
        dir: 'uswegem__MiraCore_New',
        target: 'ecosystem.config.js',
        flags: ['--env', 'production'],
        ports: [3002],
        wait: { type: 'listening', count: 1 },
      },
      // instances: 0 = one per usable CPU, all on NODE_PORT 3100
      {
        dir: 'barkbaek__webrtc-signaling-server',
        target: 'ecosystem.config.js',
        env: { STANDIN_PORT_VAR: 'NODE_PORT' },
        ports: [3100],
        wait: { type: 'listening', count: usableCpus() },
      },
      // args as a string
      {
        dir: 'GymnastiarR__attendance-backend',
        target: 'ecosystem.config.cjs',
        ports: [5000],
        argv: ['limit'],
        wait: { type: 'listening', count: 1 },
      },
      // wait_ready with listen_timeout 50 s: the app's 'ready' is the signal
      {
        dir: 'dlstn4509__Book/sql___/back',
        target: 'ecosystem.config.js',
        ports: [],
        wait: { type: 'ready', count: 1 },
      },
      // out_file 'NULL' discards, error_file under ~ (HOME)
      {
        dir: 'L4fv__webhook_dialogflow_mesenger_bot',
        target: 'server.config.js',
        flags: ['--env', 'production'],
        ports: [],
        wait: { type: 'online', count: 1 },
      },
    ]);
    expect(runs[3]!.events().filter((e) => e.type === 'listening')).toHaveLength(usableCpus());
    const errorLog = join(root, '.pm2/logs/ms-webhook_ssg-js-error.log');
    await waitFor('the ~ error log', () => existsSync(errorLog) || null, 5000);
    expect(existsSync(join(root, 'L4fv__webhook_dialogflow_mesenger_bot', 'NULL'))).toBe(false);
  });

  it('error_file /dev/null, a YAML template, cluster ×2 without a port, a config in pm2/ naming index.js from the root', async () => {
    await serveAll([
      {
        dir: '4rtHurB-1__process-run-manager',
        target: 'ecosystem.config.js',
        ports: [3000],
        wait: { type: 'listening', count: 1 },
      },
      { dir: 'ACOTeam__aircode-node', target: 'pm2.yml', ports: [], wait: { type: 'online', count: 2 } },
      {
        dir: 'navanitvish__EcoBackend',
        target: 'ecosystem.config.js',
        ports: [],
        wait: { type: 'online', count: 2 },
      },
    ]);
    await serveAll([
      {
        dir: 'Napat07__Web-deployment',
        target: 'pm2/ecosystem.config.js',
        ports: [3000],
        argv: ['one', 'two'],
        wait: { type: 'listening', count: 1 },
      },
    ]);
    expect(existsSync(join(root, 'navanitvish__EcoBackend/logs'))).toBe(true);
  });

  it('files broken for PM2 too get one clear message and a non-zero exit', async () => {
    const cases = [
      // a missing comma: PM2 cannot load it either
      [
        'azconcept-droid__fluentd/app-on-local',
        'ecosystem.config.js',
        2,
        /cannot be loaded at line 7: Unexpected identifier/,
      ],
      // interpreter ts-node is not installed here: PM2 says "Interpreter ts-node is NOT AVAILABLE in PATH"
      [
        'derrickgolden__shop_pos_onoff-line/backend',
        'ecosystem.config.js',
        2,
        /interpreter: "ts-node" is not on PATH/,
      ],
      // script "/server.js" (absolute, does not exist): PM2 "Script not found"
      ['lawyang__reduxbaby', 'ecosystem.config.js', 2, /script: no such file "\/server\.js"/],
    ] as const;
    const runs = cases.map(([dir, target]) => startRuntime([target], { HOME: root }, join(root, dir)));
    const codes = await Promise.all(runs.map((run) => run.exited));
    expect(codes).toEqual(cases.map(([, , code]) => code));
    for (const [i, [, , , message]] of cases.entries()) expect(runs[i]!.child.errors()).toMatch(message);
  });

  it('a command line whose program is missing (bash -c "ts-node …") crash-loops to errored and runtime exits 1', async () => {
    // PM2 runs it through bash -c too and restarts it forever; resilab stops after max_restarts.
    const run = startRuntime(['ecosystem.config.js'], { HOME: root }, join(root, 'haardev__x-project'));
    expect(await run.exited).toBe(1);
    expect(run.child.output() + run.child.errors()).toMatch(/ts-node: (command )?not found/);
    expect(run.child.errors()).toMatch(
      /PM2 keys resilab does not act on, ignored: "watch_delay".*"watch_options"/,
    );
    expect(readFileSync(run.eventsFile, 'utf8')).toMatch(/"errored"/);
  });
});
