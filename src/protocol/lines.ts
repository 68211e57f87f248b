// Splits a socket's byte stream into lines (JSON-lines framing), refusing a line that grows past
// a limit instead of buffering without bound.
import { StringDecoder } from 'node:string_decoder';

/** Returns a chunk handler that calls onLine per complete line and onOverflow once per oversized line. */
export function lineSplitter(
  onLine: (line: string) => void,
  onOverflow: () => void,
  maxBytes: number,
): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false;
  return (chunk) => {
    let text = decoder.write(chunk);
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const line = pending + text.slice(0, newline);
      pending = '';
      text = text.slice(newline + 1);
      if (skipping) skipping = false;
      else if (line.trim() !== '') onLine(line);
      newline = text.indexOf('\n');
    }
    if (skipping) return;
    pending += text;
    if (pending.length > maxBytes) {
      pending = '';
      skipping = true;
      onOverflow();
    }
  };
}
