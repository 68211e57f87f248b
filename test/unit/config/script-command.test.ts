// `script` and `interpreter` as PM2 resolves them: files, commands on PATH, command lines through
// bash -c, the interpreter by extension or shebang, and PM2's cluster default for `…node` interpreters.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveApp } from '../../../src/config/resolve-app.js';
import { resolveScript, which } from '../../../src/config/script-command.js';

const dir = mkdtempSync(join(tmpdir(), 'resilab-script-'));
writeFileSync(join(dir, 'server.js'), '');
writeFileSync(join(dir, 'www'), "require('./server.js');\n"); // extensionless JS (express's bin/www)
writeFileSync(join(dir, 'tool'), '#!/bin/sh\necho hi\n');
writeFileSync(join(dir, 'app.py'), '');
writeFileSync(join(dir, 'app.ts'), '');
mkdirSync(join(dir, 'bin'));
writeFileSync(join(dir, 'bin', 'ts-node'), '#!/bin/sh\n');
chmodSync(join(dir, 'bin', 'ts-node'), 0o755);
const places = { where: 'apps[0]', cwd: dir, fallback: null };
const resolveIn = (entry: object) => resolveApp(entry, { where: 'apps[0]', baseDir: dir, home: '/h' }).app;

describe('script', () => {
  it('a command line runs through bash -c, replacing args, named after the line (as PM2)', () => {
    const command = resolveScript({ script: 'node server.js', args: ['start'] }, places);
    expect(command).toMatchObject({ args: ['-c', 'node server.js'], interpreter: 'none', readyOnPort: true });
    expect(command.script).toMatch(/\/(ba)?sh$/);
    expect(resolveIn({ script: 'node server.js' }).name).toBe('node server.js');
  });
  it('a name that is no file is looked up on PATH (npm is a Node script; node itself a binary)', () => {
    expect(resolveScript({ script: 'npm', args: ['start'] }, places)).toMatchObject({
      script: which('npm'),
      interpreter: process.execPath,
      readyOnPort: true,
    });
    expect(resolveScript({ script: 'node', args: [] }, places).interpreter).toBe('none');
  });
  it('extensionless: JavaScript runs with node, a #! script by itself; .py with python, .ts needs an interpreter', () => {
    expect(resolveScript({ script: 'www', args: [] }, places)).toMatchObject({
      interpreter: process.execPath,
      readyOnPort: false,
    });
    expect(resolveScript({ script: 'tool', args: [] }, places).interpreter).toBe('none');
    expect(resolveScript({ script: 'app.py', args: [] }, places).interpreter).toMatch(/python3?$/);
    expect(() => resolveScript({ script: 'app.ts', args: [] }, places)).toThrow(/TypeScript.*interpreter/);
  });
});

describe('exec mode with other interpreters', () => {
  it("ts-node counts as node for PM2's cluster default; python stays in fork mode", () => {
    expect(resolveIn({ script: 'app.ts', interpreter: './bin/ts-node', instances: 2 }).exec_mode).toBe(
      'cluster',
    );
    expect(resolveIn({ script: 'app.py', instances: 2 }).exec_mode).toBe('fork');
  });
  it('cluster mode asked for a python app is refused by name', () => {
    expect(() => resolveIn({ script: 'app.py', exec_mode: 'cluster' })).toThrow(
      /apps\[0\]\.exec_mode: cluster mode runs Node apps only/,
    );
  });
});
