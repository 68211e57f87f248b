// The progress line of `resilab run`: phase, elapsed/total, req/s, errors, restarts. Redrawn in place
// on a TTY; on a pipe or a CI log, one line at each phase change and every few seconds of load.
import type { Progress } from '../index.js';

const TTY_REDRAW_MS = 100;
const LOG_EVERY_MS = 3000;

/** One progress line, without a newline. Pure. */
export function formatProgress(p: Progress): string {
  const where =
    p.variant === null ? p.scenario : `${p.scenario} › ${p.variant} (${p.variant_index + 1}/${p.variants})`;
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  const time =
    p.total_ms === null ? `${seconds(p.elapsed_ms)} s` : `${seconds(p.elapsed_ms)}/${seconds(p.total_ms)} s`;
  if (p.phase !== 'load') return `${where}: ${p.phase}`;
  const rps = Math.round(p.rps).toLocaleString('en-US');
  return `${where}: load ${time}  ${rps} req/s  errors ${p.errors}  restarts ${p.restarts}`;
}

/** A progress sink writing to `stream`; call done() before printing anything else. */
export function progressPrinter(stream: NodeJS.WriteStream): {
  update: (p: Progress) => void;
  done: () => void;
} {
  const tty = stream.isTTY === true;
  let last = 0;
  let lastPhase = '';
  let drawn = false;
  return {
    update(p) {
      const t = performance.now();
      const key = `${p.variant}:${p.phase}`;
      const changed = key !== lastPhase;
      if (!changed && t - last < (tty ? TTY_REDRAW_MS : LOG_EVERY_MS)) return;
      last = t;
      lastPhase = key;
      if (tty) {
        // a pseudo-terminal may report 0 columns: fall back to a sane width
        stream.write(`\r\x1b[2K${formatProgress(p).slice(0, (stream.columns || 120) - 1)}`);
        drawn = true;
      } else {
        stream.write(`${formatProgress(p)}\n`);
      }
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
