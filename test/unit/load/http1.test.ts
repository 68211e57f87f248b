import { describe, expect, it } from 'vitest';
import { encodeRequest, ResponseParser } from '../../../src/load/http1.cjs';

/** Responses as node:http writes them: keep-alive with a length, chunked (an extension, a trailer), 204, 1xx, close. */
const STREAM = [
  'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nDate: x\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nhello',
  'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n',
  'HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n',
  'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\ncontent-length: 2\r\n\r\nno',
  'HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: chunked\r\n\r\n0\r\n\r\n',
  'HTTP/1.1 404 Not Found\r\nCONNECTION: Close\r\nContent-Length: 3\r\n\r\nnot',
].join('');
const EXPECTED = [
  [200, true],
  [201, true],
  [204, true],
  [503, true],
  [200, true],
  [404, false],
];

/** Feeds the pieces; returns each response's [status, keepAlive] and the first error. */
function parse(pieces: Buffer[], noBody = false) {
  const seen: [number, boolean][] = [];
  const parser = new ResponseParser((status, keepAlive) => seen.push([status, keepAlive]));
  parser.noBody = noBody;
  let error: string | null = null;
  for (const piece of pieces) error ??= parser.execute(piece);
  return { seen, error, parser };
}

describe('ResponseParser', () => {
  const bytes = Buffer.from(STREAM, 'latin1');

  it('reads responses that share one chunk: status, keep-alive, every framing', () => {
    expect(parse([bytes])).toMatchObject({ seen: EXPECTED, error: null });
  });

  it('reads the same responses split at every byte, and byte by byte', () => {
    for (let i = 1; i < bytes.length; i++) {
      const { seen, error } = parse([bytes.subarray(0, i), bytes.subarray(i)]);
      expect({ at: i, seen, error }).toEqual({ at: i, seen: EXPECTED, error: null });
    }
    const single = [...bytes].map((b) => Buffer.from([b]));
    expect(parse(single)).toMatchObject({ seen: EXPECTED, error: null });
  });

  it('reads only the first `length` bytes of a reused read buffer, whatever stale bytes follow', () => {
    const seen: [number, boolean][] = [];
    const parser = new ResponseParser((status, keepAlive) => seen.push([status, keepAlive]));
    const reused = Buffer.alloc(bytes.length + 64, 'HTTP/1.1 500 Stale\r\n\r\n');
    let at = 0;
    for (const size of [7, 30, 1, 90, 4, 200, 13]) {
      const length = Math.min(size, bytes.length - at);
      bytes.copy(reused, 0, at, at + length);
      expect(parser.execute(reused, length)).toBeNull();
      at += length;
    }
    expect(parser.execute(reused.fill(0, 0, 0), 0)).toBeNull();
    reused.set(bytes.subarray(at));
    expect(parser.execute(reused, bytes.length - at)).toBeNull();
    expect(seen).toEqual(EXPECTED);
  });

  it('a body without length or chunking ends with the connection, which then closes', () => {
    const { seen, parser } = parse([Buffer.from('HTTP/1.0 200 OK\r\nServer: old\r\n\r\nsome body')]);
    expect(seen).toEqual([]);
    expect(parser.idle).toBe(false);
    expect(parser.end()).toBe(true);
    expect(seen).toEqual([[200, false]]);
    // A connection that ends between responses completes nothing.
    expect(parser.end()).toBe(false);
  });

  it('HTTP/1.0 closes unless it says keep-alive; a HEAD response has no body whatever its length says', () => {
    expect(parse([Buffer.from('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')]).seen).toEqual([[200, false]]);
    expect(
      parse([Buffer.from('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n')]).seen,
    ).toEqual([[200, true]]);
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n';
    expect(parse([Buffer.from(head + head)], true).seen).toEqual([
      [200, true],
      [200, true],
    ]);
  });

  it("reads how long the server keeps an idle connection from Keep-Alive's timeout, -1 when unsaid", () => {
    const said = parse([
      Buffer.from('HTTP/1.1 200 OK\r\nkeep-alive: timeout=5, max=100\r\nContent-Length: 0\r\n\r\n'),
    ]);
    expect(said.parser.idleTimeoutMs).toBe(5000);
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')]).parser.idleTimeoutMs).toBe(
      -1,
    );
  });

  it('is idle only between responses', () => {
    const { parser } = parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab')]);
    expect(parser.idle).toBe(false);
    parser.execute(Buffer.from('c'));
    expect(parser.idle).toBe(true);
    parser.execute(Buffer.from('HTTP/1.1 2'));
    expect(parser.idle).toBe(false);
    parser.reset();
    expect(parser.idle).toBe(true);
  });

  it('bytes that are not an HTTP/1.x response are an error naming what came', () => {
    expect(parse([Buffer.from('SSH-2.0-OpenSSH\r\n\r\n')]).error).toMatch(
      /not an HTTP\/1\.x response: "SSH-2\.0/,
    );
    expect(parse([Buffer.from('HTTP/1.1 abc OK\r\n\r\n')]).error).toMatch(/bad status line/);
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n')]).error).toMatch(
      /bad content-length: "Content-Length: 12x"/,
    );
    expect(parse([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n')]).error).toMatch(
      /bad chunk size/,
    );
    expect(
      parse([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n')]).error,
    ).toMatch(/longer than its size/);
  });
});

describe('encodeRequest', () => {
  it('one keep-alive request with the host and the path, and a zero length for methods with a body', () => {
    const url = new URL('http://127.0.0.1:8080/cpu?ms=5');
    expect(encodeRequest('GET', url).toString()).toBe(
      'GET /cpu?ms=5 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(encodeRequest('POST', url).toString()).toContain('\r\nContent-Length: 0\r\n\r\n');
  });
});
