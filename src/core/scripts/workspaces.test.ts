import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findWorkspaceDirs, readWorkspacePatterns } from './workspaces.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway project; every listed folder gets a package.json unless a file path is given. */
function project(paths: string[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'brum-ws-'));
  made.push(dir);
  const all = { ...Object.fromEntries(paths.map((p) => [`${p}/package.json`, '{}'])), ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const relative = (root: string, dirs: string[]): string[] => dirs.map((d) => d.slice(root.length + 1));

describe('readWorkspacePatterns', () => {
  it('reads an npm array, a yarn object and pnpm-workspace.yaml together', () => {
    const warnings: string[] = [];
    const root = project([], { 'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - '!apps/old'\n" });
    expect(readWorkspacePatterns(root, { workspaces: ['packages/*'] }, warnings)).toEqual([
      'packages/*',
      'apps/*',
      '!apps/old',
    ]);
    expect(
      readWorkspacePatterns(root, { workspaces: { packages: ['libs/*'], nohoist: ['x'] } }, warnings),
    ).toEqual(['libs/*', 'apps/*', '!apps/old']);
    expect(warnings).toEqual([]);
  });

  it('warns about malformed fields and YAML instead of failing', () => {
    const warnings: string[] = [];
    const root = project([], { 'pnpm-workspace.yaml': 'packages: [unclosed\n' });
    expect(readWorkspacePatterns(root, { workspaces: ['a/*', 7] }, warnings)).toEqual(['a/*']);
    expect(readWorkspacePatterns(root, { workspaces: 'a/*' }, warnings)).toEqual([]);
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toContain('"workspaces" entry 7 is not a string');
    expect(warnings[1]).toContain('pnpm-workspace.yaml is not valid YAML');
    expect(warnings[2]).toContain('"workspaces" should be a list of globs');
  });
});

describe('findWorkspaceDirs', () => {
  it('applies negations wherever they appear, and only folders with a package.json count', () => {
    const root = project(['packages/a', 'packages/b', 'packages/b/test/x', 'tools/c'], {
      'packages/no-manifest/index.js': '',
    });
    const found = findWorkspaceDirs(root, ['!packages/b', './packages/*/', 'packages/**', '!**/test/**']);
    expect(relative(root, found)).toEqual(['packages/a']);
  });

  it('matches deep globs but never inside node_modules, and never the root itself', () => {
    const root = project(['apps/web', 'apps/web/node_modules/dep', 'node_modules/x', 'libs/deep/nested']);
    writeFileSync(join(root, 'package.json'), '{}');
    expect(relative(root, findWorkspaceDirs(root, ['**', '.']))).toEqual(['apps/web', 'libs/deep/nested']);
  });

  it('returns nothing without positive patterns', () => {
    const root = project(['packages/a']);
    expect(findWorkspaceDirs(root, [])).toEqual([]);
    expect(findWorkspaceDirs(root, ['!packages/a'])).toEqual([]);
  });
});
