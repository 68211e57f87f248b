// Watches paths for changes with one fs.watch (inotify) per folder, walking into subfolders itself.
// Why not fs.watch({ recursive: true }): on Linux, Node 20 emulates it with one watcher per file and
// per folder, found by a synchronous walk of the whole tree, node_modules included; here ignored
// folders are never entered, and the walk is asynchronous.
import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A set of watched roots; reports every changed path that is not ignored. */
export class FileWatch {
  private readonly watchers = new Map<string, FSWatcher>();
  private closed = false;

  constructor(
    private readonly ignored: (path: string, root: string) => boolean,
    private readonly changed: (path: string) => void,
  ) {}

  /** Starts watching root (a folder, recursively, or a file); resolves once every folder is watched. */
  async add(root: string): Promise<void> {
    const info = await stat(root);
    if (info.isDirectory()) await this.walk(root, root);
    else this.watchOne(root, root, false);
  }

  /** Closes every watcher; later events are dropped. */
  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** How many fs.watch handles are open (tests, diagnostics). */
  get size(): number {
    return this.watchers.size;
  }

  private async walk(dir: string, root: string): Promise<void> {
    if (this.closed || this.watchers.has(dir)) return;
    this.watchOne(dir, root, true);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries
        .filter((e) => e.isDirectory() && !this.ignored(join(dir, e.name), root))
        .map((e) => this.walk(join(dir, e.name), root)),
    );
  }

  private watchOne(path: string, root: string, isDir: boolean): void {
    if (this.closed) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(path, { persistent: false }, (_type, name) => {
        const changed = isDir && name ? join(path, name.toString()) : path;
        void this.seen(changed, root);
      });
    } catch {
      return; // gone before it could be watched: its parent reported the change
    }
    watcher.on('error', () => this.forget(path));
    this.watchers.set(path, watcher);
  }

  /** A change: reported unless ignored; a new folder is watched, a removed one forgotten. */
  private async seen(path: string, root: string): Promise<void> {
    if (this.closed || this.ignored(path, root)) return;
    this.changed(path);
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) await this.walk(path, root);
    else if (!info) this.forget(path);
    else if (path === root) {
      // A watched file replaced by a save (write to a temp name, rename): watch the new one.
      this.forget(path);
      this.watchOne(path, root, false);
    }
  }

  private forget(path: string): void {
    for (const [watched, watcher] of this.watchers) {
      if (watched !== path && !watched.startsWith(`${path}/`)) continue;
      watcher.close();
      this.watchers.delete(watched);
    }
  }
}
