import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ECOSYSTEM_TEMPLATE, writeEcosystemTemplate } from '../../../../src/cli/pm2/ecosystem-template.js';
import { renderInstallSteps, renderUnit } from '../../../../src/cli/pm2/startup.js';
import { loadEcosystem } from '../../../../src/config/ecosystem.js';
import { LabError } from '../../../../src/errors.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'resilab-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ecosystem template', () => {
  it('writes a file the ecosystem loader accepts', async () => {
    const file = writeEcosystemTemplate(dir);
    writeFileSync(join(dir, 'app.js'), '');
    expect(readFileSync(file, 'utf8')).toBe(ECOSYSTEM_TEMPLATE);
    const { apps } = await loadEcosystem(file, { home: dir, env: 'production' });
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({
      name: 'app',
      instances: 1,
      exec_mode: 'fork',
      env: { NODE_ENV: 'production' },
    });
  });

  it('refuses to overwrite an existing file (usage error, exit 2) and leaves it as it was', () => {
    writeFileSync(join(dir, 'ecosystem.config.js'), 'mine');
    let caught: unknown;
    try {
      writeEcosystemTemplate(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LabError);
    expect((caught as LabError).exitCode).toBe(2);
    expect(readFileSync(join(dir, 'ecosystem.config.js'), 'utf8')).toBe('mine');
  });
});

describe('startup unit', () => {
  const options = {
    node: '/usr/bin/node',
    bin: '/opt/resilab/dist/cli/bin.js',
    home: '/home/ann/.resilab',
    user: 'ann',
  };
  it('is a forking unit that resurrects at boot, followed by its pid file, stopped with kill', () => {
    const unit = renderUnit(options);
    expect(unit).toMatch(/^Type=forking$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/resilab\/dist\/cli\/bin\.js resurrect$/m);
    expect(unit).toMatch(/^ExecStop=.* kill$/m);
    expect(unit).toMatch(/^PIDFile=\/home\/ann\/\.resilab\/daemon\.pid$/m);
    expect(unit).toMatch(/^User=ann$/m);
    expect(unit).toMatch(/^WantedBy=multi-user\.target$/m);
    expect(renderInstallSteps(options)).toMatch(/systemctl enable resilab-ann\.service/);
  });
});

describe('tailLines', () => {
  it('returns the last N lines of a file larger than one read, and [] for a missing file', async () => {
    const { tailLines } = await import('../../../../src/cli/pm2/tail.js');
    const file = join(dir, 'big.log');
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 13)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(tailLines(file, 3)).toEqual(lines.slice(-3));
    expect(tailLines(file, 5000)).toEqual(lines.slice(-5000));
    writeFileSync(file, 'a\nb');
    expect(tailLines(file, 10)).toEqual(['a', 'b']);
    expect(tailLines(join(dir, 'none.log'), 10)).toEqual([]);
  });
});
