// @ts-check
// The runner's one instrument inside apps that resilab does not supervise (PM2, bare node): it
// says "this pid is up" (online) and "its server is listening" the same way under every manager,
// so restart_ms means the same for all. The message shape is PM2's (`{ type, data }`), which PM2
// forwards to its bus; bare node hands it straight to the runner over IPC.
'use strict';
const net = require('node:net');

/** @param {string} what @param {number} t */
function report(what, t = performance.timeOrigin + performance.now()) {
  // Read when sent: PM2's cluster container sets NODE_APP_INSTANCE after the preloads ran.
  const instance = Number(process.env.NODE_APP_INSTANCE ?? 0);
  const data = { resilab: what, pid: process.pid, instance, t };
  if (process.connected && process.send) process.send({ type: 'process:msg', data });
}

const loaded = performance.timeOrigin + performance.now();
setImmediate(() => report('online', loaded));
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function reportedListen(/** @type {any[]} */ ...args) {
  this.once('listening', () => report('listening'));
  return /** @type {any} */ (listen).apply(this, args);
};
