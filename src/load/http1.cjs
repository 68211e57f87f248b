// @ts-check
// The open model's HTTP/1.1 response parser: incremental (a response may be split across chunks, or
// share one with the next), one preallocated parser per connection, and it reads only what a load
// generator needs: the status, where the body ends (Content-Length, chunked, or the connection's
// end) and whether the connection stays open. Bodies are skipped, never copied; only a head split
// across chunks is buffered. Plain CommonJS so the worker thread loads it from src/ and dist/ alike.
'use strict';

const HEAD_END = Buffer.from('\r\n\r\n');
/** A head longer than this is not an HTTP response worth waiting for. */
const MAX_HEAD_BYTES = 64 * 1024;

const HEAD = 0;
const BODY = 1; // Content-Length bytes left
const UNTIL_EOF = 2; // neither length nor chunked: the body ends with the connection
const CHUNK_SIZE = 3;
const CHUNK_DATA = 4;
const CHUNK_END = 5; // the CRLF after a chunk's data
const TRAILERS = 6;

/**
 * Parses the responses on one connection. `onResponse(status, keepAlive)` runs once per complete
 * response (informational 1xx heads are skipped); `noBody` is for HEAD requests.
 */
class ResponseParser {
  /** @param {(status: number, keepAlive: boolean) => void} onResponse */
  constructor(onResponse) {
    this.onResponse = onResponse;
    this.noBody = false;
    /** @type {number} one of the states above */
    this.state = HEAD;
    /** @type {Buffer | null} the start of a head split across chunks */
    this.partial = null;
    this.status = 0;
    this.keepAlive = true;
    /** How long the server keeps an idle connection (its `Keep-Alive: timeout=`, in ms), or -1 unsaid. */
    this.idleTimeoutMs = -1;
    /** Body or chunk bytes still to skip (or, on a chunk-size line, the size read so far). */
    this.left = 0;
    /** Bytes of the current size or trailer line (-1: in a chunk extension). */
    this.line = 0;
  }

  /** A fresh connection: nothing buffered, waiting for a head. */
  reset() {
    this.state = HEAD;
    this.partial = null;
    this.status = 0;
    this.keepAlive = true;
    this.idleTimeoutMs = -1;
    this.left = 0;
    this.line = 0;
  }

  /**
   * Feeds the first `length` bytes of `buf` (a socket's reused read buffer: nothing of it is kept);
   * returns an error message when the bytes are not an HTTP/1.x response.
   * @param {Buffer} buf
   * @param {number} [length]
   * @returns {string | null}
   */
  execute(buf, length = buf.length) {
    let i = 0;
    const n = length;
    while (i < n) {
      if (this.state === HEAD) {
        if (this.partial !== null) {
          const joined = Buffer.concat([this.partial, buf.subarray(i, n)]);
          this.partial = null;
          return this.execute(joined);
        }
        const found = buf.indexOf(HEAD_END, i);
        const end = found !== -1 && found + 4 <= n ? found : -1;
        if (end === -1) {
          if (n - i > MAX_HEAD_BYTES) return 'response head too long';
          this.partial = Buffer.from(buf.subarray(i, n)); // a copy: the read buffer is reused
          return null;
        }
        const error = this.head(buf, i, end);
        if (error !== null) return error;
        i = end + 4;
      } else if (this.state === BODY) {
        const take = Math.min(this.left, n - i);
        i += take;
        this.left -= take;
        if (this.left === 0) this.complete();
      } else if (this.state === UNTIL_EOF) {
        return null;
      } else if (this.state === CHUNK_DATA) {
        const take = Math.min(this.left, n - i);
        i += take;
        this.left -= take;
        if (this.left === 0) this.state = CHUNK_END;
      } else {
        const error = this.lineByte(buf[i] ?? 0);
        if (error !== null) return error;
        i += 1;
      }
    }
    return null;
  }

  /** One byte of a chunk-size line, the CRLF after a chunk, or the trailers. */
  lineByte(/** @type {number} */ c) {
    if (c === 13) return null; // CR: the LF ends the line
    if (this.state === CHUNK_SIZE) {
      if (c === 10) {
        if (this.line === 0) return 'chunk size missing';
        this.state = this.left === 0 ? TRAILERS : CHUNK_DATA;
        this.line = 0;
        return null;
      }
      if (this.line < 0) return null; // a chunk extension (after ';'): ignored
      if (c === 59) {
        if (this.line === 0) return 'chunk size missing';
        this.line = -1;
        return null;
      }
      const digit = c >= 48 && c <= 57 ? c - 48 : (c | 32) >= 97 && (c | 32) <= 102 ? (c | 32) - 87 : -1;
      if (digit < 0 || this.line >= 12) return `bad chunk size byte ${c}`;
      this.left = this.left * 16 + digit;
      this.line += 1;
      return null;
    }
    if (this.state === CHUNK_END) {
      if (c !== 10) return 'chunk data longer than its size';
      this.state = CHUNK_SIZE;
      this.left = 0;
      return null;
    }
    // TRAILERS: an empty line ends the response.
    if (c !== 10) this.line += 1;
    else if (this.line === 0) this.complete();
    else this.line = 0;
    return null;
  }

  /**
   * The head (status line and headers, `buf[start, end)` without the blank line) → the body's
   * framing. Read as bytes: only the three headers that frame the body become strings.
   * @param {Buffer} buf
   * @param {number} start
   * @param {number} end
   * @returns {string | null}
   */
  head(buf, start, end) {
    if (end - start < 12 || !sameBytes(buf, start, 'http/1.')) {
      return `not an HTTP/1.x response: ${JSON.stringify(latin1(buf, start, Math.min(end, start + 20)))}`;
    }
    const status = digits(buf, start + 9, start + 12);
    if (!(status >= 100))
      return `bad status line: ${JSON.stringify(latin1(buf, start, Math.min(end, start + 40)))}`;
    let keepAlive = buf[start + 7] === 49; // HTTP/1.1 keeps the connection, HTTP/1.0 does not
    let length = -1;
    let chunked = false;
    let at = buf.indexOf(10, start);
    while (at !== -1 && at < end) {
      const from = at + 1;
      const next = buf.indexOf(10, from);
      const to = next === -1 || next > end ? end : next - 1; // without the CR
      at = next;
      const colon = buf.indexOf(58, from);
      if (colon === -1 || colon >= to) continue;
      const size = colon - from;
      // Only content-length, connection and transfer-encoding frame the body; keep-alive says how
      // long the server keeps the connection idle. Read as bytes: no string for the usual headers.
      if (size === 14 && sameBytes(buf, from, 'content-length')) {
        length = digits(buf, colon + 1, to);
        if (length < 0) return `bad content-length: ${JSON.stringify(latin1(buf, from, to))}`;
      } else if (size === 10 && sameBytes(buf, from, 'connection')) {
        if (findWord(buf, colon + 1, to, 'close') !== -1) keepAlive = false;
        else if (findWord(buf, colon + 1, to, 'keep-alive') !== -1) keepAlive = true;
      } else if (size === 10 && sameBytes(buf, from, 'keep-alive')) {
        const timeout = findWord(buf, colon + 1, to, 'timeout=');
        const seconds = timeout === -1 ? -1 : leadingDigits(buf, timeout + 8, to);
        if (seconds >= 0) this.idleTimeoutMs = seconds * 1000;
      } else if (size === 17 && sameBytes(buf, from, 'transfer-encoding')) {
        chunked = /chunked\s*$/i.test(latin1(buf, colon + 1, to));
      }
    }
    if (status < 200 && status !== 101) return null; // 1xx: the real response follows
    this.status = status;
    this.keepAlive = keepAlive;
    this.line = 0;
    this.left = 0;
    if (this.noBody || status === 204 || status === 304 || status === 101) this.complete();
    else if (chunked) this.state = CHUNK_SIZE;
    else if (length > 0) {
      this.state = BODY;
      this.left = length;
    } else if (length === 0) this.complete();
    else {
      this.state = UNTIL_EOF;
      this.keepAlive = false;
    }
    return null;
  }

  /** The connection ended: completes a body that runs to the end; true when it did. */
  end() {
    if (this.state !== UNTIL_EOF) return false;
    this.complete();
    return true;
  }

  /** True between responses: nothing of the next one received yet. */
  get idle() {
    return this.state === HEAD && this.partial === null;
  }

  complete() {
    this.state = HEAD;
    this.onResponse(this.status, this.keepAlive);
  }
}

/**
 * The decimal number in `buf[from, to)`, spaces around it allowed; -1 when there is none or it is not one.
 * @param {Buffer} buf
 * @param {number} from
 * @param {number} to
 */
function digits(buf, from, to) {
  let value = -1;
  let i = from;
  while (i < to && (buf[i] === 32 || buf[i] === 9)) i += 1;
  for (; i < to; i++) {
    const c = buf[i] ?? 0;
    if (c < 48 || c > 57) break;
    value = value < 0 ? c - 48 : value * 10 + c - 48;
    if (value > Number.MAX_SAFE_INTEGER / 10) return -1;
  }
  while (i < to && (buf[i] === 32 || buf[i] === 9)) i += 1;
  return i === to ? value : -1;
}

/**
 * Bytes as text, for the rare header whose value is read as a string, and for error messages.
 * @param {Buffer} buf
 * @param {number} from
 * @param {number} to
 */
function latin1(buf, from, to) {
  return buf.toString('latin1', from, to);
}

/**
 * Whether `buf` holds `word` at `at`, ASCII letters in either case (`word` is lower case).
 * @param {Buffer} buf
 * @param {number} at
 * @param {string} word
 */
function sameBytes(buf, at, word) {
  if (at + word.length > buf.length) return false;
  for (let i = 0; i < word.length; i++) {
    const c = buf[at + i] ?? 0;
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Where `word` (lower case) starts in `buf[from, to)`, in either case, or -1.
 * @param {Buffer} buf
 * @param {number} from
 * @param {number} to
 * @param {string} word
 */
function findWord(buf, from, to, word) {
  for (let i = from; i + word.length <= to; i++) if (sameBytes(buf, i, word)) return i;
  return -1;
}

/**
 * The decimal number that starts `buf[from, to)`, or -1 when it does not start with a digit.
 * @param {Buffer} buf
 * @param {number} from
 * @param {number} to
 */
function leadingDigits(buf, from, to) {
  let i = from;
  while (i < to && (buf[i] ?? 0) >= 48 && (buf[i] ?? 0) <= 57) i += 1;
  return i === from ? -1 : digits(buf, from, i);
}

/**
 * The request bytes, encoded once: every request of a load phase is the same.
 * @param {string} method
 * @param {URL} url
 */
function encodeRequest(method, url) {
  const head = `${method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n`;
  const body = method === 'GET' || method === 'HEAD' ? '' : 'Content-Length: 0\r\n';
  return Buffer.from(`${head}${body}\r\n`, 'latin1');
}

module.exports = { ResponseParser, encodeRequest };
