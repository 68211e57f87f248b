// Notices when the supervisor dies during the load (a bug, an OOM kill): its apps go with it, so
// the variant is ended at once with a coded error instead of loading a dead port until the end.
const CHECK_EVERY_MS = 250;

/** True while a process with this pid exists (signal 0 checks without sending anything). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls onGone once when pid no longer exists; returns the function that stops watching. */
export function watchPid(pid: number, onGone: () => void): () => void {
  const timer = setInterval(() => {
    if (exists(pid)) return;
    clearInterval(timer);
    onGone();
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
