import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripAnsi } from './strip-ansi.js';
import { LogStore } from './log-store.js';

/**
 * Sequences real tools print: SGR colours, cursor moves, private modes, OSC links and titles, charsets.
 * OSC bodies stay within the characters node:util's regex accepts (it leaves a title with a space).
 */
const sequence = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 }).map((ps) => `\x1b[${ps.join(';')}m`),
  fc.constantFrom('\x1b[2K', '\x1b[1G', '\x1b[?25l', '\x1b[?25h', '\x1b[3A', '\x9b31m', '\x1b(B', '\x1b7'),
  fc.stringMatching(/^[a-z0-9/.:-]{0,20}$/).map((url) => `\x1b]8;;https://${url}\x07`),
  fc.stringMatching(/^[a-zA-Z0-9_.-]{0,10}$/).map((t) => `\x1b]0;${t}\x1b\\`),
);
const text = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  // Plain text: no C0/C1 control characters (ESC, the 8-bit CSI, newlines are the sequences' business).
  .map((t) => [...t].filter((c) => !/\p{Cc}/u.test(c)).join(''));
/**
 * Parts are joined by a space: node:util's regex also swallows a digit or letter right after a
 * two-byte sequence (`ESC 7` then `0`), which a terminal prints; see the explicit case below.
 */
const coloured = fc.array(fc.oneof(sequence, text), { maxLength: 12 }).map((parts) => parts.join(' '));

describe('stripAnsi', () => {
  it('strips what node:util strips, on generated coloured text (property)', () => {
    fc.assert(
      fc.property(coloured, (s) => {
        expect(stripAnsi(s)).toBe(stripVTControlCharacters(s));
      }),
      { numRuns: 500 },
    );
  });

  it('strips joined lines as it strips each line: no sequence crosses a newline (property)', () => {
    fc.assert(
      fc.property(fc.array(coloured, { minLength: 1, maxLength: 8 }), (lines) => {
        expect(stripAnsi(lines.join('\n'))).toBe(lines.map((l) => stripAnsi(l)).join('\n'));
      }),
    );
    // An unterminated OSC or a cut CSI ends at the line end.
    expect(stripAnsi('a\x1b]8;;http://x\nb\x07c')).toBe('a\nb\x07c');
    expect(stripAnsi('a\x1b[31\nb')).toBe('a\nb');
  });

  it('ends a two-byte sequence after its final byte, as a terminal does', () => {
    expect(stripAnsi('\x1b70 saved')).toBe('0 saved');
    expect(stripAnsi('\x1b(Bì')).toBe('ì');
  });

  it('strips a whole OSC title, spaces included', () => {
    expect(stripAnsi('\x1b]0;my title\x1b\\text')).toBe('text');
  });

  it('keeps characters beyond one byte', () => {
    expect(stripAnsi('é\x1b[2Kü€ 🚀\x1b[0m!')).toBe('éü€ 🚀!');
  });

  it('a coloured batch stored with its joined text reads back like one stored line by line', () => {
    const lines = ['\x1b[31mred\x1b[0m one', 'plain two', '\x1b]8;;http://x.dev\x07link\x1b]8;;\x07', ''];
    const joined = new LogStore();
    joined.append('p', 'stdout', lines, undefined, 1, { joined: lines.join('\n') });
    const single = new LogStore();
    single.append('p', 'stdout', lines, undefined, 1);
    const strip = (s: LogStore) => s.read({}).lines.map((l) => [l.raw, l.text]);
    expect(strip(joined)).toEqual(strip(single));
    expect(strip(joined).map(([, t]) => t)).toEqual(['red one', 'plain two', 'link', '']);
  });
});
