import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, fit, relativeTo } from './format.js';

describe('cell', () => {
  it('always ends in a gap, cutting with … when the text is too long', () => {
    expect(cell('dev', 6)).toBe('dev   ');
    expect(cell('✖ failed (1)', 12)).toBe('✖ failed (… ');
    expect(cell('abcdef', 6)).toBe('abcd… ');
    expect(cell('x', 1)).toBe(' ');
    expect(cell('x', 0)).toBe('');
  });

  it('keeps every column apart, whatever the widths', () => {
    for (let width = 2; width < 20; width++) {
      const row = cell('a'.repeat(30), width) + cell('b'.repeat(30), width);
      expect(row).toMatch(/^a*… b*… $/);
      expect(row.length).toBe(width * 2);
    }
  });

  it('fit pads or cuts to exactly the width', () => {
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('abcdef', 4)).toBe('abc…');
  });
});

describe('relativeTo', () => {
  const base = join('/', 'home', 'me', 'app');
  it('shortens paths inside the base folder', () => {
    expect(relativeTo(join(base, 'src', 'a.ts'), base)).toBe(join('src', 'a.ts'));
  });
  it('keeps paths outside it, relative paths, and paths without a base', () => {
    expect(relativeTo(join('/', 'home', 'me', 'other', 'a.ts'), base)).toBe(
      join('/', 'home', 'me', 'other', 'a.ts'),
    );
    expect(relativeTo('src/a.ts', base)).toBe('src/a.ts');
    expect(relativeTo(join(base, 'a.ts'), undefined)).toBe(join(base, 'a.ts'));
    expect(relativeTo(base, base)).toBe(base);
  });
});
