// The protocol's constants and framing, free of zod: the CLI's hot path (`list`) loads this and
// replies.ts only, since importing zod costs more than everything else `list` does (see bench/list.js).

/** Bumped whenever a message shape changes; the handshake refuses a peer with another one. */
export const PROTOCOL_VERSION = 2;

/** A line longer than this is refused before parsing (a runaway or hostile peer). */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** One message as a line on the socket. */
export function encode(message: object): string {
  return `${JSON.stringify(message)}\n`;
}
