import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBrumError } from '../errors.js';
import { foldCase } from './fold-case.js';
import { MAX_PATTERN_LENGTH, compileSafeRegex, escapeRegex } from './safe-regex.js';

function isValid(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isBrumError(error) ? error.code : 'OTHER';
  }
  return undefined;
}

describe('compileSafeRegex', () => {
  it('returns a stateless test for linear patterns, on short and long lines', () => {
    const re = compileSafeRegex(String.raw`error TS\d+`);
    expect(re.test('error TS2322')).toBe(true);
    expect(re.test('x'.repeat(10_000) + 'error TS2322')).toBe(true);
    expect(re.test('x'.repeat(10_000) + 'error TS')).toBe(false);
    expect(re.test('error TS2322')).toBe(true);
  });

  it('rejects syntax errors, non-linear constructs and over-long patterns as INVALID_PATTERN', () => {
    expect(code(() => compileSafeRegex('a('))).toBe('INVALID_PATTERN');
    expect(code(() => compileSafeRegex(String.raw`(?<q>['"]).*\k<q>`))).toBe('INVALID_PATTERN');
    expect(code(() => compileSafeRegex('(?<=x)y', { caseSensitive: false }))).toBe('INVALID_PATTERN');
    expect(code(() => compileSafeRegex('a'.repeat(MAX_PATTERN_LENGTH + 1)))).toBe('INVALID_PATTERN');
    expect(() => compileSafeRegex('a(')).toThrow(/Unterminated group.*literally/);
    expect(() => compileSafeRegex(String.raw`(a)\1`)).toThrow(/cannot run in linear time/);
  });

  it('runs catastrophic patterns in linear time, with and without case', () => {
    const input = 'a'.repeat(50_000) + '!';
    for (const caseSensitive of [true, false]) {
      for (const pattern of ['(a+)+$', '(a|aa)+$', '(a*)*b', '(?:a|a)*b']) {
        const re = compileSafeRegex(pattern, { caseSensitive });
        const started = performance.now();
        expect(re.test(input)).toBe(false);
        expect(performance.now() - started).toBeLessThan(5000);
      }
    }
  });

  it('escapeRegex matches the text literally', () => {
    const text = 'a.b*c+(d)[e]{f}|g\\h^$?/-';
    expect(new RegExp(`^${escapeRegex(text)}$`).test(text)).toBe(true);
  });
});

describe('foldCase', () => {
  it('rewrites letters, classes and ranges, leaving escapes and group names alone', () => {
    expect(foldCase('ab1')).toBe('[aA][bB]1');
    expect(foldCase(String.raw`\d\x4a\u00e9\cM\w`)).toBe(String.raw`\d\x4a\u00e9\cM\w`);
    expect(foldCase('[a-c_]')).toBe('[A-Ca-c_]');
    expect(foldCase('[^x]')).toBe('[^Xx]');
    expect(foldCase('[-a]')).toBe(String.raw`[A\-a]`);
    expect(foldCase('(?<word>x)')).toBe('(?<word>[xX])');
    expect(foldCase('é{2,3}')).toBe('[éÉ]{2,3}');
  });

  it('matches exactly like the `i` flag on generated patterns (property)', () => {
    const atom = fc.constantFrom(
      'a',
      'B',
      'é',
      '1',
      '-',
      '.',
      String.raw`\d`,
      String.raw`\w`,
      String.raw`\W`,
      String.raw`\b`,
      '[a-c]',
      '[^x]',
      '[A-Z0-9]',
      '[-a]',
      '[b-]',
      '[^A-c]',
      '[]',
      '[^]',
      '[\\]a]',
      '(?:aB|c)',
      '(?<n>x)',
    );
    const quant = fc.constantFrom('', '', '*', '+', '?', '{1,2}');
    const pattern = fc
      .array(fc.tuple(atom, quant), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.map(([a, q]) => a + q).join(''));
    const text = fc.array(
      fc.constantFrom('a', 'A', 'b', 'B', 'c', 'C', 'x', 'X', 'é', 'É', '1', '-', ' ', ']'),
      {
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(pattern, fc.array(text, { minLength: 1, maxLength: 5 }), (p, inputs) => {
        fc.pre(isValid(p));
        const folded = new RegExp(foldCase(p));
        const reference = new RegExp(p, 'i');
        for (const chars of inputs) {
          const s = chars.join('');
          expect([p, s, folded.test(s)]).toEqual([p, s, reference.test(s)]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
