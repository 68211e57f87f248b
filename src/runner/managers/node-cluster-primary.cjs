// @ts-check
// What people write by hand over node:cluster (Node's docs: fork one worker per instance, fork
// again when one dies), plus the rolling reload such scripts usually grow: fork the replacement,
// wait for it to listen, then disconnect the old worker. It tells the runner what happens over IPC.
// Settings come in RESILAB_CLUSTER (JSON: script, args, node_args, instances, env, kill_timeout).
'use strict';
const cluster = /** @type {import('node:cluster').Cluster} */ (
  /** @type {unknown} */ (require('node:cluster'))
);

const config = JSON.parse(process.env.RESILAB_CLUSTER ?? '{}');
/** @type {Record<string, string>} */
let env = config.env;
/** instance index → the worker serving it. @type {Map<number, import('node:cluster').Worker>} */
const serving = new Map();
/** Workers this primary ended on purpose (reload, restart, scale down, stop). */
const ending = new WeakSet();
let stopping = false;

/** @param {Record<string, unknown>} message */
function send(message) {
  if (process.connected && process.send)
    process.send({ ...message, t: performance.timeOrigin + performance.now() });
}

cluster.setupPrimary({ exec: config.script, args: config.args, execArgv: config.node_args, silent: false });

/** @param {number} instance */
function fork(instance) {
  const worker = cluster.fork({ ...env, NODE_APP_INSTANCE: String(instance) });
  const pid = worker.process.pid;
  worker.on('online', () => send({ event: 'online', instance, pid }));
  worker.on('listening', () => send({ event: 'listening', instance, pid }));
  worker.on('exit', (code, signal) => {
    const expected = ending.has(worker) || stopping;
    const refork = !expected && serving.get(instance) === worker;
    send({ event: 'exit', instance, pid, code, signal, expected, refork });
    if (serving.get(instance) !== worker) return;
    serving.delete(instance);
    // The docs' recipe: a worker died, fork another one at once.
    if (refork) serving.set(instance, fork(instance));
  });
  return worker;
}

/** Disconnects a worker (its servers stop accepting) and kills it after kill_timeout. @param {import('node:cluster').Worker} worker */
function end(worker) {
  ending.add(worker);
  return new Promise((resolve) => {
    const timer = setTimeout(() => worker.process.kill('SIGKILL'), config.kill_timeout);
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
    worker.disconnect();
  });
}

/** Forks a replacement for an instance and resolves once it listens, or rejects if it dies first. @param {number} instance */
function replacement(instance) {
  return new Promise((resolve, reject) => {
    const worker = fork(instance);
    worker.once('listening', () => resolve(worker));
    worker.once('exit', (code) =>
      reject(new Error(`the new worker of instance ${instance} exited (code ${code}) before listening`)),
    );
  });
}

const commands = {
  /** @param {{ env?: Record<string, string> }} c */
  async reload(c) {
    if (c.env) env = { ...env, ...c.env };
    for (const [instance, old] of [...serving]) {
      const next = await replacement(instance);
      serving.set(instance, next);
      await end(old);
    }
  },
  /** @param {{ env?: Record<string, string> }} c */
  async restart(c) {
    if (c.env) env = { ...env, ...c.env };
    const old = [...serving];
    serving.clear();
    await Promise.all(old.map(([, worker]) => end(worker)));
    for (const [instance] of old) serving.set(instance, fork(instance));
  },
  /** @param {{ instances: number }} c */
  async scale(c) {
    for (let i = 0; i < c.instances; i += 1) if (!serving.has(i)) serving.set(i, fork(i));
    const extra = [...serving].filter(([instance]) => instance >= c.instances);
    for (const [instance] of extra) serving.delete(instance);
    await Promise.all(extra.map(([, worker]) => end(worker)));
  },
  async stop() {
    stopping = true;
    const all = [...serving.values()];
    serving.clear();
    await Promise.all(all.map(end));
  },
};

process.on('message', async (/** @type {any} */ message) => {
  const run = /** @type {any} */ (commands)[message?.cmd];
  if (!run) return send({ reply: message?.id, ok: false, error: `unknown command ${message?.cmd}` });
  try {
    await run(message);
    send({ reply: message.id, ok: true });
  } catch (error) {
    send({ reply: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

// The runner went away: end every worker, then this primary (no orphans).
process.on('disconnect', () => {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
  process.exit(0);
});
process.on('SIGTERM', () => void commands.stop().then(() => process.exit(0)));

for (let i = 0; i < config.instances; i += 1) serving.set(i, fork(i));
