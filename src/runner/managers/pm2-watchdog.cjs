// @ts-check
// PM2's daemon detaches from the runner, so nothing would end it if the runner were killed
// (SIGKILL, a crash). This small process, started detached beside it, watches the runner's pid;
// when the runner is gone it ends PM2's daemon (pid from its private PM2_HOME) and every process
// under it, by pid, then exits. The runner ends it by pid after a normal stop.
// Usage: node pm2-watchdog.cjs <runner pid> <PM2_HOME>
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const CHECK_EVERY_MS = 200;
const runner = Number(process.argv[2]);
const home = String(process.argv[3]);

/** @param {number} pid */
function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Every descendant of root, from /proc. @param {number} root */
function descendants(root) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // ended while we looked
    }
  }
  /** @type {number[]} */
  const found = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(/** @type {number} */ (queue.shift())) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** @param {string} file */
function pidIn(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function endAll() {
  const god = pidIn(path.join(home, 'pm2.pid'));
  const apps = [];
  try {
    for (const f of fs.readdirSync(path.join(home, 'pids'))) apps.push(pidIn(path.join(home, 'pids', f)));
  } catch {
    // no pids folder: no apps
  }
  const all = [...(god ? [god, ...descendants(god)] : []), ...apps.filter((p) => p !== null)];
  // The daemon first, so it cannot start a replacement for an app we end.
  for (const pid of all) {
    try {
      process.kill(/** @type {number} */ (pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const timer = setInterval(() => {
  if (alive(runner)) return;
  clearInterval(timer);
  endAll();
  process.exit(0);
}, CHECK_EVERY_MS);
