/**
 * Dependencies point downward only: core knows nothing of its front-ends, and front-ends never import
 * each other. ESLint enforces this while editing; this test makes it a failing build too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from './helpers/engine.js';

const src = repoPath('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
  return specifiers.filter(Boolean);
}

/** Files under `folder` that import something matching `forbidden`. */
function violations(folder: string, forbidden: RegExp): string[] {
  return sourceFiles(join(src, folder)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => forbidden.test(spec))
      .map((spec) => `${relative(src, file)} imports ${spec}`),
  );
}

describe('module boundaries', () => {
  it('core imports no front-end, UI or protocol library', () => {
    expect(
      violations('core', /(^|\/)(tui|mcp|cli)\/|^(ink|react|commander)$|^ink-|^@modelcontextprotocol\//),
    ).toEqual([]);
  });

  it('the TUI imports neither the MCP server nor the CLI', () => {
    expect(violations('tui', /(^|\/)(mcp|cli)\/|^@modelcontextprotocol\//)).toEqual([]);
  });

  it('the MCP server imports neither the TUI nor the CLI', () => {
    expect(violations('mcp', /(^|\/)(tui|cli)\/|^(ink|react)$/)).toEqual([]);
  });

  it('finds imports at all (the scan itself works)', () => {
    expect(importsOf(join(src, 'cli/load.ts')).some((s) => s.includes('core/engine/engine.js'))).toBe(true);
  });
});
