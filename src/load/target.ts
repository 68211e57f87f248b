// resilab points load only at this machine unless told otherwise: a load test aimed at someone
// else's server by a typo is an attack. `localhost` becomes 127.0.0.1, never ::1 (TARGETS.md).
import { isIP } from 'node:net';
import { LabError, quote } from '../errors.js';

function isLoopback(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.toLowerCase() === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./i.test(bare);
  return false;
}

/** Throws RESILAB_E_REMOTE_TARGET naming the host unless it is loopback (127.0.0.0/8, ::1, localhost) or allowed. */
export function assertLoopbackTarget(host: string, allowRemote: boolean): void {
  if (allowRemote || isLoopback(host)) return;
  throw new LabError(
    'RESILAB_E_REMOTE_TARGET',
    `host: expected a loopback address (127.0.0.0/8, ::1 or localhost), got ${quote(host)}; ` +
      'pass --allow-remote-target to load a remote host',
  );
}

/** The URL with `localhost` replaced by 127.0.0.1, so no client ever resolves it to ::1. */
export function loopbackUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname.toLowerCase() === 'localhost') parsed.hostname = '127.0.0.1';
  return parsed.toString();
}
