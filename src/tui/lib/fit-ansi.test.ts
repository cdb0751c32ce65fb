import { describe, expect, it } from 'vitest';
import { fitAnsi } from './fit-ansi.js';

describe('fitAnsi', () => {
  it('keeps colours, cuts by visible width, and resets at the end', () => {
    expect(fitAnsi('\u001B[31mhello\u001B[39m world', 7)).toBe('\u001B[31mhello\u001B[39m w\u001B[0m');
    expect(fitAnsi('plain text', 5)).toBe('plain');
  });

  it('drops cursor movement, OSC and control characters; tabs become spaces', () => {
    expect(fitAnsi('a\u001B[2Kb\u001B]0;title\u0007c\u001B[1Ad\te\u0000', 20)).toBe('abcd e');
  });

  it('counts wide characters as two columns', () => {
    expect(fitAnsi('日本語abc', 5)).toBe('日本');
  });

  it('strips styles when asked (NO_COLOR)', () => {
    expect(fitAnsi('\u001B[32mok\u001B[0m', 10, false)).toBe('ok');
  });

  it('does work proportional to the width, not the input', () => {
    const huge = 'x'.repeat(5_000_000);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) fitAnsi(huge, 100);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
