// An HTTP service backed by a real PostgreSQL (the `pg` client): one query per request on `/`.
// What it does when the database connection is lost is chosen by env, to show both lessons:
//   ON_DB_LOSS=crash (default): exit(1), as most apps do: the supervisor restarts it, and each
//     restart crashes again at boot until the database is back (a crash loop).
//   ON_DB_LOSS=reconnect: stay up, answer 503 while disconnected, reconnect inside the process with
//     exponential backoff (RECONNECT_MIN_MS 100 → ×2 → RECONNECT_MAX_MS 1000).
// Env: DATABASE_URL (required), PORT (3000), HOST (127.0.0.1).
// Run it: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node sample-apps/db-app.js
import { createServer } from 'node:http';
import pg from 'pg';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('db-app: DATABASE_URL is not set');
  process.exit(2);
}
const mode = process.env.ON_DB_LOSS === 'reconnect' ? 'reconnect' : 'crash';
const minDelay = Number(process.env.RECONNECT_MIN_MS ?? 100);
const maxDelay = Number(process.env.RECONNECT_MAX_MS ?? 1000);
/** A connect that hangs (a held network) fails after this long. */
const CONNECT_TIMEOUT_MS = 2000;

/** The connected client, or null while disconnected. */
let db = null;
let delay = minDelay;
let stopping = false;

function lost(client, why) {
  if (db !== client || stopping) return;
  db = null;
  client.end().catch(() => {});
  if (mode === 'crash') {
    console.error(`db-app ${process.pid}: lost the database connection (${why}): exiting`);
    process.exit(1);
  }
  console.error(`db-app ${process.pid}: lost the database connection (${why}): reconnecting`);
  reconnectLater();
}

async function connect() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', (error) => lost(client, error.message));
  client.on('end', () => lost(client, 'connection ended'));
  await client.connect();
  db = client;
  delay = minDelay;
}

function reconnectLater() {
  setTimeout(() => {
    connect().catch((error) => {
      console.error(`db-app ${process.pid}: reconnect failed (${error.message}), next try in ${delay} ms`);
      delay = Math.min(maxDelay, delay * 2);
      reconnectLater();
    });
  }, delay);
}

function send(res, status, text) {
  res.writeHead(status, {
    'content-type': 'text/plain',
    'content-length': Buffer.byteLength(text),
    'x-pid': String(process.pid),
  });
  res.end(text);
}

const server = createServer(async (req, res) => {
  if (req.url === '/health') return send(res, db ? 200 : 503, db ? 'ok\n' : 'no database\n');
  if (req.url !== '/') return send(res, 404, 'not found\n');
  const client = db;
  if (!client) return send(res, 503, 'database unavailable\n');
  try {
    const result = await client.query('SELECT 1 AS one');
    send(res, 200, `ok ${result.rows[0].one}\n`);
  } catch (error) {
    send(res, 503, `database error: ${error.message}\n`);
  }
});

try {
  await connect();
} catch (error) {
  if (mode === 'crash') {
    console.error(`db-app ${process.pid}: cannot reach the database (${error.message}): exiting`);
    process.exit(1);
  }
  console.error(`db-app ${process.pid}: cannot reach the database (${error.message}): reconnecting`);
  reconnectLater();
}
server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    server.close(() => process.exit(0));
    db?.end().catch(() => {});
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
