// The last lines of a log file, read from its end (a log may be large): what `logs` prints before
// it starts following.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Bytes read per step backwards. */
const CHUNK = 64 * 1024;

/** Up to `count` last complete-or-final lines of `file`; [] when it does not exist. */
export function tailLines(file: string, count: number): string[] {
  if (count <= 0) return [];
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    let position = size;
    let text = '';
    // Read backwards until there are more than `count` newlines (or the start of the file).
    while (position > 0 && text.split('\n').length <= count + 1) {
      const length = Math.min(CHUNK, position);
      position -= length;
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, position);
      text = buffer.toString('utf8') + text;
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (position > 0) lines.shift(); // probably cut in the middle
    return lines.slice(-count);
  } finally {
    closeSync(fd);
  }
}
