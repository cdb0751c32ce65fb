import { describe, expect, it } from 'vitest';
import { fingerprint, normaliseMessage } from './fingerprint.js';
import type { Diagnostic } from './parsers/types.js';

const base: Diagnostic = {
  severity: 'error',
  kind: 'node',
  code: 'Error',
  message: 'boom',
  file: '/a.js',
  line: 3,
  stack: [],
};

describe('fingerprint', () => {
  it('replaces per-occurrence noise', () => {
    expect(
      normaliseMessage('[12:03:44] took 120ms at 0xdeadBEEF pid 4242 (8246) on 2024-05-01T10:00:00Z'),
    ).toBe('<time> took <dur> at <hex> pid <n> (<n>) on <date>');
    expect(normaliseMessage('a   b\tc')).toBe('a b c');
  });

  it('is the same for equal reports and differs by kind, code, message, file and line', () => {
    expect(fingerprint(base)).toBe(fingerprint({ ...base, column: 9, stack: ['x'] }));
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{8}$/);
    for (const other of [
      { kind: 'vite' },
      { code: 'TypeError' },
      { message: 'bang' },
      { file: '/b.js' },
      { line: 4 },
    ]) {
      expect(fingerprint({ ...base, ...other })).not.toBe(fingerprint(base));
    }
  });
});
