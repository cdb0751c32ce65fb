import { describe, expect, it } from 'vitest';
import { hasRareMarker, lineHasRareMarker, mayMatter, mayMatterCommon } from './prefilter.js';

describe('prefilter', () => {
  it('passes the start lines of every format and rejects ordinary lines', () => {
    for (const line of [
      'TypeError: x is not a function',
      'src/a.ts(3,5): error TS2322: nope',
      'npm ERR! code 1',
      'warning: unused variable',
      'FAIL src/a.test.ts',
      'Traceback (most recent call last):',
      'panic: runtime error',
      './main.go:3:2: undefined: x',
      '(!) Some chunks are larger than 500 kB',
      'Found 0 errors. Watching for file changes.',
      ' ⨯ ./app/page.tsx:3:1',
      '  ● suite › test',
      '   ,-[src/dbg.ts:2:3]',
      '   ╭─[src/dbg.ts:2:3]',
      'src/dbg.ts:2:3 lint/suspicious/noDebugger  FIXABLE  ━━━━━━━━',
      'Found 1 warning and 2 errors.',
      '--- FAIL: TestAdd (0.00s)',
      '=================================== FAILURES ===================================',
      "  failureType: 'testCodeFailure'",
    ]) {
      expect(mayMatter(line), line).toBe(true);
    }
    expect(mayMatter('GET /api/items/42 200 in 5ms')).toBe(false);
  });

  it('the common variant agrees except on the rare markers, which the byte check finds', () => {
    expect(mayMatterCommon('TypeError: boom')).toBe(true);
    expect(mayMatterCommon(' ⨯ ./app/page.tsx:3:1')).toBe(false);
    expect(hasRareMarker(Buffer.from('ok\n ⨯ ./app/page.tsx:3:1\n'))).toBe(true);
    expect(hasRareMarker(Buffer.from('ok\n  ● suite › test\n'))).toBe(true);
    expect(hasRareMarker(Buffer.from('➜  Local: http://localhost:5173/\n'))).toBe(false);
    expect(lineHasRareMarker('  ● suite')).toBe(true);
    // oxlint's unicode frame and Biome's header rule; an ASCII chunk is ruled out by one check.
    expect(hasRareMarker(Buffer.from('  × eslint(no-debugger): x\n   ╭─[src/dbg.ts:2:3]\n'))).toBe(true);
    expect(hasRareMarker(Buffer.from('src/a.ts:2:3 lint/x/y  ━━━━\n'))).toBe(true);
    expect(hasRareMarker(Buffer.from('GET / 200\nTypeError: boom\n'))).toBe(false);
    expect(mayMatterCommon('   ,-[src/dbg.ts:2:3]')).toBe(false);
    expect(hasRareMarker(Buffer.from('  x eslint(no-debugger): x\n   ,-[src/dbg.ts:2:3]\n'))).toBe(true);
    expect(lineHasRareMarker('   ,-[src/dbg.ts:2:3]')).toBe(true);
  });
});
