// `npm run bench`: runs every bench/*.js except this one, each in its own process, and prints one
// JSON object: { <bench name>: <its JSON output> }.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const results = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.js') && f !== 'run.js')
  .sort()) {
  const out = execFileSync(process.execPath, [join(dir, file)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = out.trim().split('\n').at(-1) ?? 'null';
  results[basename(file, '.js')] = JSON.parse(last);
}
console.log(JSON.stringify(results, null, 2));
