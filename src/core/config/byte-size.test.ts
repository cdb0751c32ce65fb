import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from './byte-size.js';

describe('byte sizes', () => {
  it('parses plain numbers, decimal and binary units, case-insensitively', () => {
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('16MiB')).toBe(16 * 1024 * 1024);
    expect(parseByteSize('512KB')).toBe(512_000);
    expect(parseByteSize('512 kib')).toBe(512 * 1024);
    expect(parseByteSize('1.5 GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('2gb')).toBe(2e9);
  });

  it('rejects other text', () => {
    for (const text of ['', 'MiB', '-1MiB', '12 parsecs', '1e3', '0x10'])
      expect(parseByteSize(text), text).toBeUndefined();
  });

  it('formats exact binary sizes compactly and round-trips', () => {
    expect(formatByteSize(8 * 1024 * 1024)).toBe('8MiB');
    expect(formatByteSize(1536)).toBe('1536');
    expect(formatByteSize(2048)).toBe('2KiB');
    for (const n of [1, 1024, 3 * 1024 ** 3, 999_999]) expect(parseByteSize(formatByteSize(n))).toBe(n);
  });
});
