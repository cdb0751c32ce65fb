import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintKey, normaliseMessage } from './fingerprint.js';
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

  it('gives exactly what the plain sequence of replacements and FNV-1a over the joined key gave', () => {
    // The implementation skips regexes that cannot match and hashes the key in pieces; this is the
    // straightforward version it must agree with.
    const noise: [RegExp, string][] = [
      [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<date>'],
      [/\[?\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: ?[AP]M)?\b\]?/g, '<time>'],
      [/\b0x[0-9a-f]+\b/gi, '<hex>'],
      [/\b\d+(?:\.\d+)?\s?(?:ms|s|µs|ns|m)\b/g, '<dur>'],
      [/\bpid[ :=]?\d+\b/gi, 'pid <n>'],
      [/\(\d{2,}\)/g, '(<n>)'],
      [/\s+/g, ' '],
    ];
    const plainNormalise = (m: string): string =>
      noise.reduce((out, [re, by]) => out.replace(re, by), m).trim();
    const plainFnv = (text: string): string => {
      let h = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      return (h >>> 0).toString(16).padStart(8, '0');
    };
    const piece = fc.constantFrom(
      ...[
        '0',
        '7',
        '12',
        '2024',
        '-',
        ':',
        '.',
        'T',
        'Z',
        '+',
        ' ',
        '  ',
        '\t',
        '\n',
        '\u00a0',
        'x',
        'X',
        '0x',
        'ff',
      ],
      ...['ms', 's', 'µs', 'm', 'pid', 'PID', '=', '(', ')', '[', ']', 'AM', 'PM', 'a', 'é', '|'],
      ...['2024-05-01', 'T10:00:00', ' 10:00:00', '12:03', '.250', '+02:00', '0x7ffd', '(8246)', 'pid 42'],
    );
    const text = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        text,
        fc.option(text, { nil: undefined }),
        fc.option(text, { nil: undefined }),
        fc.option(fc.nat(500), { nil: undefined }),
        (message, code, file, line) => {
          expect(normaliseMessage(message)).toBe(plainNormalise(message));
          const d: Diagnostic = { ...base, message, code, file, line };
          expect(fingerprint(d)).toBe(plainFnv(fingerprintKey(d)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
