// @ts-check
// The CPU time of the calling thread alone, so a load generator in a worker thread can say what each
// request cost it, apart from the runner's main thread (process.cpuUsage counts every thread).
// Plain CommonJS so both workers load it from src/ and dist/ alike.
'use strict';

const { readFileSync } = require('node:fs');

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const USER_HZ = 100;

/** This thread's user + system CPU time in ms (10 ms steps), or null where /proc/thread-self is missing. */
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'latin1');
    // Fields after the command name (which may hold spaces): state is [0], utime [11], stime [12].
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

module.exports = { threadCpuMs };
