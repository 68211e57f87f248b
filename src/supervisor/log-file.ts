// One append-only log file written by one ordered queue (so lines reach disk in the order they were
// written and flush() means "on disk"), with size-based rotation built in (PM2 needs a module).
import { type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

const NEWLINE = 0x0a;

/** Rotation settings: rotate before a write would take the file past maxSize; keep `retain` old files. */
export interface RotationOptions {
  /** Bytes (> 0), or null for no rotation. */
  maxSize: number | null;
  retain: number;
}

/** Shifts `<path>.1` … `<path>.<retain>` up by one (the oldest is overwritten) and moves `<path>` to `.1`. */
export async function rotateFiles(path: string, retain: number): Promise<void> {
  if (retain <= 0) return ignoreMissing(unlink(path));
  for (let index = retain - 1; index >= 1; index--)
    await ignoreMissing(rename(`${path}.${index}`, `${path}.${index + 1}`));
  await ignoreMissing(rename(path, `${path}.1`));
}

async function ignoreMissing(operation: Promise<void>): Promise<void> {
  try {
    await operation;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** An append-only file fed by an in-memory queue drained by a single loop. */
export class LogFile {
  private queue: Buffer[] = [];
  private running: Promise<void> | null = null;
  private handle: FileHandle | null = null;
  private size = 0;
  private reported = false;

  constructor(
    readonly path: string,
    private readonly rotation: RotationOptions,
  ) {}

  /** Queues a chunk; it reaches the file after every chunk queued before it. */
  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.queue.push(chunk);
    this.kick();
  }

  /** Resolves when everything queued so far is written to the file. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Flushes, then closes the file. */
  async close(): Promise<void> {
    await this.flush();
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const handle = this.handle ?? (await this.open());
        if (!this.fitHead()) {
          await this.rotate();
          continue;
        }
        const batch = this.takeBatch();
        for (let offset = 0; offset < batch.length; ) {
          offset += (await handle.write(batch, offset, batch.length - offset)).bytesWritten;
        }
        this.size += batch.length;
      }
    } catch (error) {
      // A log that cannot be written must not take the supervisor down: say so once, drop the queue.
      this.queue = [];
      if (!this.reported)
        process.stderr.write(`resilab: cannot write ${this.path}: ${(error as Error).message}\n`);
      this.reported = true;
    }
  }

  /**
   * Makes the first queued chunk fit in the room left, splitting it after its last newline that fits
   * (a single line longer than max size is cut at the size). False when the file must rotate first.
   */
  private fitHead(): boolean {
    const { maxSize } = this.rotation;
    const head = this.queue[0];
    if (maxSize === null || head === undefined) return true;
    const room = maxSize - this.size;
    if (head.length <= room) return true;
    let cut = room > 0 ? head.lastIndexOf(NEWLINE, room - 1) + 1 : 0;
    if (cut === 0 && this.size > 0) return false;
    if (cut === 0) cut = room;
    this.queue.splice(0, 1, head.subarray(0, cut), head.subarray(cut));
    return true;
  }

  /** Queued chunks that fit in the current file (at least one). */
  private takeBatch(): Buffer {
    const { maxSize } = this.rotation;
    if (maxSize === null) return Buffer.concat(this.queue.splice(0));
    let bytes = this.size;
    let count = 0;
    for (const chunk of this.queue) {
      if (count > 0 && bytes + chunk.length > maxSize) break;
      bytes += chunk.length;
      count++;
    }
    return Buffer.concat(this.queue.splice(0, count));
  }

  private async open(): Promise<FileHandle> {
    await mkdir(dirname(this.path), { recursive: true });
    const handle = await open(this.path, 'a');
    this.size = (await handle.stat()).size;
    this.handle = handle;
    return handle;
  }

  private async rotate(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
    await rotateFiles(this.path, this.rotation.retain);
    this.size = 0;
  }
}
