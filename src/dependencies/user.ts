// Who a dependency runs as. PostgreSQL refuses to run as root, so when resilab runs as root (a
// container, CI) every dependency runs as `nobody`, with a data dir it owns; otherwise as the user.
import { readFileSync } from 'node:fs';
import { chown } from 'node:fs/promises';

/** A uid/gid to spawn as, or null for the current user. */
export type Identity = { uid: number; gid: number; name: string } | null;

/** The unprivileged account used under root. */
const UNPRIVILEGED = 'nobody';

/** `nobody`'s ids from /etc/passwd when running as root; null otherwise (or when there is no such user). */
export function dependencyIdentity(passwd = '/etc/passwd'): Identity {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  let text = '';
  try {
    text = readFileSync(passwd, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === UNPRIVILEGED && uid && gid) return { uid: Number(uid), gid: Number(gid), name };
  }
  return null;
}

/** Gives `path` to the identity (no-op for the current user). */
export async function giveTo(path: string, identity: Identity): Promise<void> {
  if (identity) await chown(path, identity.uid, identity.gid);
}
