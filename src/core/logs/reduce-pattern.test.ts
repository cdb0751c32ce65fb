import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reducePattern, requiredLiteral } from './reduce-pattern.js';

describe('reducePattern', () => {
  it('drops leading and trailing repetitions of the hostile patterns', () => {
    expect(reducePattern('.*foo')).toEqual({ source: 'foo', quantifierFree: true });
    expect(reducePattern('[^!]*z')).toEqual({ source: 'z', quantifierFree: true });
    expect(reducePattern('a*b')).toEqual({ source: 'b', quantifierFree: true });
    expect(reducePattern(String.raw`\s+$`)).toEqual({ source: String.raw`\s$`, quantifierFree: true });
    expect(reducePattern('[a-z]+Z')).toEqual({ source: '[a-z]Z', quantifierFree: true });
    expect(reducePattern(String.raw`error TS\d+`)).toEqual({
      source: String.raw`error TS\d`,
      quantifierFree: true,
    });
    expect(reducePattern('(?:ab)*?x{2,5}y.+?')).toEqual({ source: 'x{2}y.', quantifierFree: false });
  });

  it('leaves anchored ends, interior repetitions and top-level alternation alone', () => {
    expect(reducePattern('^a+b').source).toBe('^a+b');
    expect(reducePattern('ab+$').source).toBe('ab+$');
    expect(reducePattern(String.raw`\ba*`).source).toBe(String.raw`\b`);
    expect(reducePattern('x.*y').source).toBe('x.*y');
    expect(reducePattern('.*a|b.*').source).toBe('.*a|b.*');
    expect(reducePattern('a{').source).toBe('a{');
    expect(reducePattern('[*+]x').source).toBe('[*+]x');
    expect(reducePattern('(a|b)*c').source).toBe('c');
  });

  it('matches exactly the same lines as the original (property)', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      '.',
      '[ab]',
      '[^a]',
      String.raw`\s`,
      '(?:ab)',
      '(a|b)',
      '^',
      '$',
      String.raw`\b`,
    );
    const quant = fc.constantFrom('', '', '*', '+', '?', '*?', '+?', '{2}', '{1,3}', '{0,2}', '{2,}');
    const piece = fc.tuple(atom, quant).map(([a, q]) => (['^', '$', String.raw`\b`].includes(a) ? a : a + q));
    const pattern = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    const line = fc.stringMatching(/^[ab \t!]{0,12}$/);
    fc.assert(
      fc.property(pattern, fc.array(line, { minLength: 1, maxLength: 8 }), (source, lines) => {
        const original = new RegExp(source);
        const reduced = new RegExp(reducePattern(source).source);
        for (const l of lines)
          expect(reduced.test(l), `${source} vs ${reduced.source} on ${JSON.stringify(l)}`).toBe(
            original.test(l),
          );
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the longest text every match must contain', () => {
    expect(requiredLiteral(String.raw`GET /api/items/\d+ 5\d\d`)).toBe('GET /api/items/');
    expect(requiredLiteral(String.raw`error TS\d+: .*\.tsx`)).toBe('error TS');
    expect(requiredLiteral(String.raw`v\d+\.\d+\.\d+ released`)).toBe(' released');
    expect(requiredLiteral('listen(ing)? on port')).toBe(' on port');
    expect(requiredLiteral('abc+')).toBe('ab');
    expect(requiredLiteral('foo|bar')).toBe('');
    expect(requiredLiteral('[abc]x?')).toBe('');
  });

  it('never names text a matching line can lack (property)', () => {
    const atom = fc.constantFrom('a', 'b', ' ', '.', '[ab]', String.raw`\.`, '(?:ab)', '(a|b)', '^', '$');
    const quant = fc.constantFrom('', '', '', '*', '+', '?', '{2}');
    const piece = fc.tuple(atom, quant).map(([a, q]) => (['^', '$'].includes(a) ? a : a + q));
    const pattern = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        pattern,
        fc.array(fc.stringMatching(/^[ab .]{0,12}$/), { maxLength: 8 }),
        (source, lines) => {
          const re = new RegExp(source);
          const literal = requiredLiteral(source);
          for (const l of lines)
            if (re.test(l)) expect(l.includes(literal), `${source} / ${literal} / ${l}`).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
