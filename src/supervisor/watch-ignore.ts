// Which changed paths a watch ignores (pure): PM2's defaults (node_modules and dot-folders), the
// supervisor's own log files, and `ignore_watch` entries read like .gitignore lines.
import { basename, extname, isAbsolute, relative, sep } from 'node:path';

/**
 * Names ignored below every watched path: PM2's default (`node_modules`, dot-folders), and `*.log`
 * (an app writing its own log into a watched folder would otherwise restart itself in a loop).
 */
export const DEFAULT_IGNORED = ['node_modules', '.*', '*.log'] as const;

/** What an ignore test needs: the app's cwd, its ignore_watch entries and the files it writes itself. */
export interface IgnoreOptions {
  cwd: string;
  ignore_watch: readonly string[];
  /** Absolute paths the supervisor writes (log files, the events file): never a reason to restart. */
  ownFiles: readonly string[];
}

/** `*` within a name, `**` across folders, `?` one character; anything else literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A path's folders and name, relative to base ('' when it is base; '..' parts dropped). */
function partsUnder(base: string, path: string): string[] {
  const rel = relative(base, path);
  return rel === '' ? [] : rel.split(sep).filter((part) => part !== '..');
}

/** A log file, its rotated copies (`.1`, `.2`) and its per-instance forms (`app-0.log`). */
function ownFileTest(file: string): (path: string) => boolean {
  const ext = extname(file);
  const stem = file.slice(0, file.length - ext.length).replace(/[.+*?^${}()|[\]\\]/g, '\\$&');
  const escapedExt = ext.replace(/[.+*?^${}()|[\]\\]/g, '\\$&');
  const form = new RegExp(`^${stem}(-\\d+)?${escapedExt}(\\.\\d+)?$`);
  return (path) => form.test(path);
}

/**
 * (changed path, the watched root it was seen under) → ignored? An entry without a slash matches a
 * file or folder of that name at any depth (`logs`, `*.log`); an entry with a slash is a path from
 * cwd (`src/generated`, `data/*.json`) or an absolute path; either covers everything under it.
 */
export function ignoreMatcher(options: IgnoreOptions): (path: string, root: string) => boolean {
  const anyDepth: RegExp[] = [];
  const fromCwd: RegExp[] = [];
  const absolute: RegExp[] = [];
  for (const raw of options.ignore_watch) {
    const entry = raw.replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (entry === '' || entry === '.') continue;
    if (isAbsolute(entry)) absolute.push(globToRegExp(entry));
    else (entry.includes('/') ? fromCwd : anyDepth).push(globToRegExp(entry));
  }
  const defaults = DEFAULT_IGNORED.map(globToRegExp);
  const own = options.ownFiles.map(ownFileTest);
  const prefixes = (parts: string[]) => parts.map((_, n) => parts.slice(0, n + 1).join('/'));
  return (path, root) => {
    if (partsUnder(root, path).some((part) => defaults.some((re) => re.test(part)))) return true;
    if (own.some((test) => test(path))) return true;
    const parts = partsUnder(options.cwd, path);
    if (parts.some((part) => anyDepth.some((re) => re.test(part)))) return true;
    if (prefixes(parts).some((prefix) => fromCwd.some((re) => re.test(prefix)))) return true;
    const absParts = path.split(sep).filter(Boolean);
    return prefixes(absParts).some((prefix) => absolute.some((re) => re.test(`/${prefix}`)));
  };
}

/** The paths `watch` names, absolute: `true` (or []) = the app's cwd, as PM2. */
export function watchRoots(
  app: { cwd: string; watch: boolean | string[] },
  resolve: (p: string) => string,
): string[] {
  if (app.watch === false) return [];
  if (app.watch === true || app.watch.length === 0) return [app.cwd];
  return [...new Set(app.watch.map(resolve))];
}

/** The file name to show for a change: relative to cwd when under it. */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? basename(path) : rel.startsWith('..') ? path : rel;
}
