import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWatch } from '../../../src/supervisor/file-watch.js';

let watch: FileWatch | null = null;
afterEach(() => {
  watch?.close();
  watch = null;
});

/** A FileWatch that ignores node_modules, with a promise for the next change of a given path. */
function watching(root: string) {
  const seen: string[] = [];
  const waiters: { path: string; resolve: () => void }[] = [];
  const w = new FileWatch(
    (path) => path.includes('node_modules'),
    (path) => {
      seen.push(path);
      for (const waiter of waiters.filter((x) => x.path === path)) waiter.resolve();
    },
  );
  const next = (path: string) => new Promise<void>((resolve) => waiters.push({ path, resolve }));
  return { w, seen, next, root };
}

describe('FileWatch', () => {
  it('one watcher per folder, ignored folders never entered; new folders are watched as they appear', async () => {
    const root = mkdtempSync(join(tmpdir(), 'resilab-fw-'));
    mkdirSync(join(root, 'src', 'lib'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'a', 'b'), { recursive: true });
    const { w, seen, next } = watching(root);
    watch = w;
    await w.add(root);
    expect(w.size).toBe(3); // root, src, src/lib

    const created = next(join(root, 'src', 'new'));
    mkdirSync(join(root, 'src', 'new'));
    await created;
    await waitUntil(() => w.size === 4);
    const inside = next(join(root, 'src', 'new', 'x.js'));
    writeFileSync(join(root, 'src', 'new', 'x.js'), '1');
    await inside;

    const marker = next(join(root, 'marker'));
    writeFileSync(join(root, 'node_modules', 'a', 'b', 'i.js'), '1');
    writeFileSync(join(root, 'marker'), '1');
    await marker;
    expect(seen.some((p) => p.includes('node_modules'))).toBe(false);

    const removed = next(join(root, 'src', 'new'));
    rmSync(join(root, 'src', 'new'), { recursive: true });
    await removed;
    await waitUntil(() => w.size === 3);
  });

  it('close() releases every watcher and drops later changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'resilab-fw-'));
    mkdirSync(join(root, 'a'));
    const { w, seen } = watching(root);
    await w.add(root);
    expect(w.size).toBe(2);
    w.close();
    expect(w.size).toBe(0);
    // A second watch on the same folder sees the write: the closed one, on the same loop, would have too.
    const other = watching(root);
    watch = other.w;
    await other.w.add(root);
    const written = other.next(join(root, 'a', 'x.js'));
    writeFileSync(join(root, 'a', 'x.js'), '1');
    await written;
    expect(seen).toEqual([]);
  });

  it('a missing root rejects with ENOENT', async () => {
    const { w } = watching('/nonexistent');
    watch = w;
    await expect(w.add(join(tmpdir(), 'resilab-no-such-dir'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
