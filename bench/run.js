// `npm run bench`: runs every bench/*.js except this one, each in its own process, and prints one
// JSON object: { <bench name>: <its JSON output> }.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A bench prints one JSON value (on one line or several); anything before it is ignored. */
function parseOutput(out) {
  const text = out.trim();
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.split('\n').at(-1) ?? 'null');
  }
}

const dir = fileURLToPath(new URL('.', import.meta.url));
const results = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.js') && f !== 'run.js')
  .sort()) {
  const out = execFileSync(process.execPath, [join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  results[basename(file, '.js')] = parseOutput(out);
}
console.log(JSON.stringify(results, null, 2));
