// Output chunks → whole lines, per stream: a line split across two chunks is reported once.

/** Splits chunks into lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private tail = '';

  /** The complete lines in this chunk (without their newline). */
  push(chunk: Buffer | string): string[] {
    const text = this.tail + chunk.toString();
    const lines = text.split('\n');
    this.tail = lines.pop() ?? '';
    return lines.map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  }

  /** What is left when the stream ends. */
  end(): string[] {
    const rest = this.tail;
    this.tail = '';
    return rest ? [rest] : [];
  }
}
