/**
 * Dependencies point downward only: `cli → tui | mcp → browser → core`. Core knows nothing of its
 * front-ends, front-ends never import each other, and tui/ and mcp/ never import the browser network
 * layer (src/browser/; the contract in core/browser/ is core). ESLint enforces this while editing
 * (`brum/layer-imports` in eslint.config.js); this test makes it a failing build too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoPath } from './helpers/engine.js';

const src = repoPath('src');

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
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

/** Files under `folder` whose relative imports land in one of the `layers` (folders under src/). */
function layerViolations(folder: string, layers: readonly string[]): string[] {
  return sourceFiles(join(src, folder)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => spec.startsWith('.'))
      .filter((spec) => layers.includes(relative(src, resolve(dirname(file), spec)).split(/[\\/]/)[0] ?? ''))
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

  it('tui/ and mcp/ never import the browser network layer; it imports no front-end', () => {
    expect(layerViolations('tui', ['browser', 'mcp', 'cli'])).toEqual([]);
    expect(layerViolations('mcp', ['browser', 'tui', 'cli'])).toEqual([]);
    expect(layerViolations('browser', ['tui', 'mcp', 'cli'])).toEqual([]);
    expect(layerViolations('core', ['browser', 'tui', 'mcp', 'cli'])).toEqual([]);
  });

  it('the layer check resolves paths (core/browser is core, src/browser is not)', () => {
    expect(layerViolations('core', ['core'])).not.toEqual([]);
    expect(layerViolations('tui', ['core']).some((v) => v.includes('core/'))).toBe(true);
  });

  it('finds imports at all (the scan itself works)', () => {
    expect(importsOf(join(src, 'cli/build-engine.ts')).some((s) => s.includes('core/engine/engine.js'))).toBe(
      true,
    );
  });
});
