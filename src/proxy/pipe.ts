// One direction of a proxied connection, streaming: each chunk goes out as soon as its toxic allows
// (at once, after a latency, at a bandwidth's pace), in order. Nothing waits for a whole payload:
// when too much is queued the source is paused and TCP backpressure reaches the sender.
// With no toxic on this direction and nothing queued, a chunk is written straight through, as
// `src.pipe(dst)` would: no clock read, no allocation, no closure per chunk. The toxic is looked up
// when it changes (refresh), not per chunk.
import type { Socket } from 'node:net';
import type { NetworkToxic } from '../types.js';
import { bandwidthSlices, latencyDelay, type Stream, toxicFor, transferMs } from './toxic.js';

/** Pause reading above this many queued bytes, resume below the low mark. */
const HIGH_WATER = 256 * 1024;
const LOW_WATER = 64 * 1024;

interface Queued {
  chunk: Buffer;
  due: number;
}

/** Copies `src` to `dst` through the current toxic of `stream`. */
export class Pipe {
  readonly #queue: Queued[] = [];
  #queued = 0;
  #timer: NodeJS.Timeout | null = null;
  /** When the last queued chunk goes out (order is kept) and when the link is free again (bandwidth). */
  #last = 0;
  /** A timeout toxic holds data: the source is paused and what already arrived waits here. */
  readonly #held: Buffer[] = [];
  /** The toxic acting on this direction, as of the last refresh. */
  #toxic: NetworkToxic | null = null;
  #ended = false;
  #closed = false;

  constructor(
    private readonly src: Socket,
    private readonly dst: Socket,
    private readonly stream: Stream,
    private readonly toxicOf: () => NetworkToxic | null,
    private readonly random: () => number = Math.random,
  ) {
    src.on('data', this.#onData);
    src.on('end', () => {
      this.#ended = true;
      this.#endIfDone();
    });
    dst.on('drain', () => this.#resumeIfLow());
  }

  /** Called when the toxic changed: a timeout toxic holds the stream, its removal lets it go. */
  refresh(): void {
    this.#toxic = toxicFor(this.toxicOf(), this.stream);
    if (this.#toxic?.toxic === 'timeout') {
      this.src.pause();
      return;
    }
    const held = this.#held.splice(0);
    for (const chunk of held) this.#push(chunk);
    this.#resumeIfLow();
  }

  /** Stops every timer (the link is gone). */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** The fast path: no toxic, nothing queued or held → straight through (backpressure as pipe()). */
  readonly #onData = (chunk: Buffer): void => {
    if (this.#toxic === null && this.#queue.length === 0 && this.#held.length === 0) {
      if (!this.dst.write(chunk)) this.src.pause();
    } else this.#push(chunk);
  };

  #push(chunk: Buffer): void {
    if (this.#closed) return;
    const toxic = this.#toxic;
    const t = performance.now();
    if (toxic?.toxic === 'timeout') {
      this.#held.push(chunk);
      this.src.pause();
    } else if (toxic?.toxic === 'latency') {
      this.#enqueue(chunk, Math.max(t + latencyDelay(toxic, this.random), this.#last));
    } else if (toxic?.toxic === 'bandwidth') {
      let offset = 0;
      for (const size of bandwidthSlices(chunk.length, toxic.rate)) {
        const at = Math.max(t, this.#last);
        this.#enqueue(chunk.subarray(offset, offset + size), at);
        this.#last = at + transferMs(size, toxic.rate);
        offset += size;
      }
    } else if (this.#queue.length > 0) {
      this.#enqueue(chunk, Math.max(t, this.#last));
    } else if (!this.dst.destroyed) {
      if (!this.dst.write(chunk)) this.src.pause();
    }
  }

  #enqueue(chunk: Buffer, due: number): void {
    this.#queue.push({ chunk, due });
    this.#queued += chunk.length;
    this.#last = Math.max(this.#last, due);
    if (this.#queued > HIGH_WATER) this.src.pause();
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    const head = this.#queue[0];
    if (!head) return;
    this.#timer = setTimeout(() => this.#flush(), Math.max(0, head.due - performance.now()));
  }

  #flush(): void {
    this.#timer = null;
    const t = performance.now();
    while (this.#queue.length > 0 && (this.#queue[0] as Queued).due <= t + 0.5) {
      const { chunk } = this.#queue.shift() as Queued;
      this.#queued -= chunk.length;
      if (!this.dst.destroyed) this.dst.write(chunk);
    }
    this.#resumeIfLow();
    this.#schedule();
    this.#endIfDone();
  }

  #resumeIfLow(): void {
    if (this.#closed || this.#held.length > 0) return;
    if (this.#queued < LOW_WATER && this.dst.writableLength < HIGH_WATER && this.src.isPaused())
      this.src.resume();
  }

  /** The source ended and everything queued went out: end the other side (later under slow_close). */
  #endIfDone(): void {
    if (!this.#ended || this.#queue.length > 0 || this.#held.length > 0 || this.#closed) return;
    this.#closed = true;
    const toxic = this.#toxic;
    const delay = toxic?.toxic === 'slow_close' ? toxic.delay : 0;
    if (delay > 0) setTimeout(() => this.dst.end(), delay);
    else this.dst.end();
  }
}
