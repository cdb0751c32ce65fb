import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BRUM_VERSION, findPackageVersion } from './version.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fake install: `<root>/node_modules/brummer/dist/mcp` inside a project with its own package.json. */
function installedLayout(): { root: string; moduleDir: string; pkgDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'brum-version-'));
  dirs.push(root);
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'my-app', version: '9.9.9' }));
  const pkgDir = join(root, 'node_modules', 'brummer');
  const moduleDir = join(pkgDir, 'dist', 'mcp');
  mkdirSync(moduleDir, { recursive: true });
  return { root, moduleDir, pkgDir };
}

describe('brum version', () => {
  it('is the version in this repository’s package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(BRUM_VERSION).toBe(pkg.version);
  });

  it('is found from an installed package’s dist/, not the project’s package.json', () => {
    const { moduleDir, pkgDir } = installedLayout();
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: 'brummer', version: '1.2.3' }));
    expect(findPackageVersion(moduleDir)).toBe('1.2.3');
  });

  it('skips package.json files of other packages and gives up when none is brum’s', () => {
    const { moduleDir } = installedLayout();
    expect(findPackageVersion(moduleDir)).toBeUndefined();
  });
});
