import { describe, expect, it } from 'vitest';
import { stripAnsi } from './strip-ansi.js';
import { classifyLevel } from './level.js';

describe('classifyLevel', () => {
  it.each([
    ['src/App.tsx(3,7): error TS2322: Type string is not assignable', 'error'],
    ['TypeError: Cannot read properties of undefined', 'error'],
    ['npm ERR! code ELIFECYCLE', 'error'],
    ['FAIL src/sum.test.ts', 'error'],
    ['Failed to compile.', 'error'],
    ['Found 2 errors. Watching for file changes.', 'error'],
    ['warning: unused variable `x`', 'warning'],
    ['WARN deprecated inflight@1.0.6', 'warning'],
    ['(node:123) DeprecationWarning: Buffer() is deprecated', 'warning'],
  ] as const)('%s -> %s', (text, level) => {
    expect(classifyLevel(text)).toBe(level);
  });

  it.each([
    'Found 0 errors. Watching for file changes.',
    'Tests: 0 failed, 12 passed',
    'compiled successfully with no warnings',
    'errors: 0',
    'VITE v5.0.0  ready in 300 ms',
    'GET /api/users 200 12ms',
    'failOnError: true',
  ])('%s -> info', (text) => {
    expect(classifyLevel(text)).toBe('info');
  });
});

describe('stripAnsi', () => {
  it('returns the same string when there is no escape, strips colours and links otherwise', () => {
    const plain = 'nothing to see';
    expect(stripAnsi(plain)).toBe(plain);
    expect(stripAnsi('\x1b[1m\x1b[31mbold red\x1b[0m')).toBe('bold red');
    expect(stripAnsi('\x1b]8;;http://x.dev\x07link\x1b]8;;\x07')).toBe('link');
    expect(stripAnsi('\x9b31mcsi')).toBe('csi');
  });
});
