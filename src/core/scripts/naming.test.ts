import { describe, expect, it } from 'vitest';
import { nameWorkspaceScripts, type WorkspacePackage } from './naming.js';

const pkg = (
  relativeDir: string,
  packageName: string | undefined,
  ...scripts: string[]
): WorkspacePackage => ({
  dir: `/repo/${relativeDir}`,
  relativeDir,
  ...(packageName !== undefined && { packageName }),
  scripts: scripts.map((s) => [s, `run ${s}`] as const),
});

function names(packages: WorkspacePackage[], root: string[] = []): { names: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const named = nameWorkspaceScripts(packages, new Set(root), warnings);
  return { names: named.scripts.map((s) => s.name), warnings };
}

describe('nameWorkspaceScripts', () => {
  it('prefixes with the name without its scope, or the folder name', () => {
    const named = nameWorkspaceScripts(
      [pkg('packages/web', '@acme/web', 'dev'), pkg('tools/lint', undefined, 'run')],
      new Set(),
      [],
    );
    expect(named.scripts).toEqual([
      {
        name: 'lint:run',
        script: 'run',
        command: 'run run',
        cwd: '/repo/tools/lint',
        workspace: 'tools/lint',
        kind: 'script',
      },
      {
        name: 'web:dev',
        script: 'dev',
        command: 'run dev',
        cwd: '/repo/packages/web',
        workspace: '@acme/web',
        kind: 'script',
      },
    ]);
    expect(named.workspaces).toEqual([
      { name: 'tools/lint', shortName: 'lint', dir: '/repo/tools/lint' },
      { name: '@acme/web', shortName: 'web', dir: '/repo/packages/web' },
    ]);
  });

  it('uses full names for every workspace sharing a short name', () => {
    const result = names([
      pkg('apps/web', '@acme/web', 'dev'),
      pkg('packages/web', '@other/web', 'dev'),
      pkg('api', 'api', 'dev'),
    ]);
    expect(result.names).toEqual(['@acme/web:dev', '@other/web:dev', 'api:dev']);
  });

  it('falls back to folders when full names collide too', () => {
    const result = names([
      pkg('apps/web', 'web', 'dev'),
      pkg('packages/web', undefined, 'dev'),
      pkg('x', 'web', 'build'),
    ]);
    expect(result.names).toEqual(['apps/web:dev', 'packages/web:dev', 'x:build']);
  });

  it('keeps scripts in package.json order within a workspace', () => {
    expect(names([pkg('a', 'a', 'test', 'build', 'dev')]).names).toEqual(['a:test', 'a:build', 'a:dev']);
  });

  it('leaves a root script its name and moves the clashing workspace script on, with a warning', () => {
    const result = names([pkg('apps/docs', 'docs', 'dev', 'build')], ['docs:dev']);
    expect(result.names).toEqual(['apps/docs:dev', 'docs:build']);
    expect(result.warnings).toEqual([
      'Workspace docs: "docs:dev" is a root script, so this one is "apps/docs:dev".',
    ]);
  });

  it('skips a workspace script only when every prefix clashes with root scripts', () => {
    const result = names([pkg('docs', 'docs', 'dev')], ['docs:dev']);
    expect(result.names).toEqual([]);
    expect(result.warnings).toEqual([
      'Workspace docs: script "dev" clashes with a root script name; skipped.',
    ]);
  });
});
