import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBrumError } from '../errors.js';
import { discoverScripts } from './discover.js';
import type { ScriptCatalog } from './types.js';

const projects = fileURLToPath(new URL('../../../test/fixtures/projects/', import.meta.url));
const fixture = (name: string): string => join(projects, name);
const names = (catalog: ScriptCatalog): string[] => catalog.scripts.map((s) => s.name);

describe('discoverScripts', () => {
  it('npm workspaces: root scripts first, then workspaces alphabetically, negations applied', () => {
    const catalog = discoverScripts(fixture('npm-workspaces'));
    expect(names(catalog)).toEqual(['dev', 'build', 'lint', 'api:dev', 'api:test', 'web:dev', 'web:build']);
    expect(catalog.rootName).toBe('npm-workspaces-root');
    expect(catalog.packageManager).toEqual({ name: 'npm', source: 'lockfile', detail: 'package-lock.json' });
    expect(catalog.workspaces).toEqual([
      { name: 'api', shortName: 'api', dir: fixture('npm-workspaces/packages/api') },
      { name: '@acme/web', shortName: 'web', dir: fixture('npm-workspaces/packages/web') },
    ]);
    expect(catalog.scripts.find((s) => s.name === 'web:dev')).toEqual({
      name: 'web:dev',
      script: 'dev',
      command: 'vite',
      cwd: fixture('npm-workspaces/packages/web'),
      workspace: '@acme/web',
      kind: 'script',
    });
    expect(catalog.scripts[0]).toEqual({
      name: 'dev',
      script: 'dev',
      command: 'npm run dev --workspaces',
      cwd: fixture('npm-workspaces'),
      kind: 'script',
    });
    expect(catalog.warnings).toEqual([]);
  });

  it('pnpm workspace: YAML globs with negation, shared short names, a root script clash', () => {
    const catalog = discoverScripts(fixture('pnpm-workspace'));
    expect(catalog.packageManager).toEqual({
      name: 'pnpm',
      source: 'packageManager-field',
      detail: 'pnpm@9.1.0',
    });
    expect(names(catalog)).toEqual([
      'dev',
      'docs:dev',
      '@acme/web:dev',
      '@acme/web:start',
      '@other/web:dev',
      'apps/docs:dev',
      'ui:build',
    ]);
    expect(catalog.workspaces.map((w) => w.shortName)).toEqual(['@acme/web', '@other/web', 'docs', 'ui']);
    expect(catalog.warnings).toEqual([
      'Workspace docs: "docs:dev" is a root script, so this one is "apps/docs:dev".',
    ]);
  });

  it('yarn: workspaces object form, an unnamed package named after its folder', () => {
    const catalog = discoverScripts(fixture('yarn'));
    expect(catalog.packageManager.name).toBe('yarn');
    expect(names(catalog)).toEqual(['test', 'build', 'cli:build', 'lib:build', 'lib:watch']);
    expect(catalog.workspaces.map((w) => w.name)).toEqual(['@yarn-demo/cli', 'packages/lib']);
  });

  it('bun: a single package with a text lockfile', () => {
    const catalog = discoverScripts(fixture('bun'));
    expect(catalog.packageManager).toEqual({ name: 'bun', source: 'lockfile', detail: 'bun.lock' });
    expect(names(catalog)).toEqual(['dev', 'start']);
    expect(catalog.workspaces).toEqual([]);
  });

  it('uses the preferred package manager when nothing in the project decides', () => {
    const catalog = discoverScripts(fixture('bad-scripts'), { preferredPackageManager: 'pnpm' });
    expect(catalog.packageManager).toEqual({ name: 'pnpm', source: 'preference' });
  });

  it('skips bad scripts and broken workspaces with warnings, keeping the rest', () => {
    const catalog = discoverScripts(fixture('bad-scripts'));
    expect(names(catalog)).toEqual(['dev', 'build', 'good:dev']);
    expect(catalog.workspaces.map((w) => w.name)).toEqual(['array-scripts', 'good']);
    const root = join(fixture('bad-scripts'), 'package.json');
    expect(catalog.warnings).toEqual([
      `${root}: script "lint" should be a string, but it is an array; skipped.`,
      `${root}: script "test" should be a string, but it is a number; skipped.`,
      `${join(fixture('bad-scripts/packages/array-scripts'), 'package.json')}: "scripts" should be an object of strings, but it is an array; ignored.`,
      expect.stringMatching(
        /^Workspace .*packages\/broken skipped: .*broken\/package\.json is not valid JSON at line 2, column 1/,
      ),
    ]);
  });

  it('throws NO_PACKAGE_JSON and INVALID_PACKAGE_JSON for the root', () => {
    expect(() => discoverScripts(fixture('no-package-json'))).toThrow(
      /No package\.json in .*no-package-json.*--dir/,
    );
    try {
      discoverScripts(fixture('broken-json'));
      expect.unreachable();
    } catch (error) {
      expect(isBrumError(error, 'INVALID_PACKAGE_JSON')).toBe(true);
      expect((error as Error).message).toContain('line 5, column 5');
    }
  });

  it('returns a frozen catalog with an absolute project dir', () => {
    const catalog = discoverScripts(join(fixture('bun'), '..', 'bun'));
    expect(catalog.projectDir).toBe(fixture('bun'));
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.scripts)).toBe(true);
    expect(Object.isFrozen(catalog.scripts[0])).toBe(true);
  });
});
