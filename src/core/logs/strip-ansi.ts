/**
 * Removing terminal escape sequences from one line, in one pass: each character is looked at once, so
 * the cost is linear in the line whatever it holds. (Node's `stripVTControlCharacters` is a regular
 * expression whose nested repetition over `;`-separated parameters backtracks: one crafted sequence
 * with 32,000 parameters cost it 75 ms.)
 *
 * Removed, as a terminal would consume them:
 * - CSI `ESC [` (or the 8-bit `\x9b`) parameters, intermediates and a final byte (`ESC[1;31m`,
 *   `ESC[2K`); an unfinished CSI loses what it read so far;
 * - OSC `ESC ]`, DCS `ESC P`, SOS `ESC X`, PM `ESC ^`, APC `ESC _` up to BEL, `ESC \` or `\x9c`
 *   (hyperlinks, window titles); without a terminator, the rest of the line (a terminal would swallow it);
 * - `ESC` followed by intermediates and a final byte (`ESC ( B`), and two-byte `ESC X` sequences;
 * - a lone `ESC` at the end of the line.
 *
 * No sequence extends over a `\n`, so many lines joined by `\n` are stripped in one call exactly as
 * each line would be (the engine strips a coloured batch's joined text at once).
 *
 * Hot path: the output is copied character by character into a reusable byte buffer while the text
 * fits one byte (always, for text decoded from ASCII), ~2× faster than concatenating slices on heavily
 * coloured lines (every token its own colour, ~20 sequences a line); other text takes the slice path.
 */

const ESC = 0x1b;
const CSI_8BIT = 0x9b;
const ST_8BIT = 0x9c;
const BEL = 0x07;
const LF = 0x0a;

/** Scratch for one-byte output, grown on demand (bounded by the longest text stripped: one batch). */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);

/** Index just past the CSI whose parameters start at `i`. */
function skipCsi(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x3f)
      i++; // parameters
    else break;
  }
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x2f)
      i++; // intermediates
    else break;
  }
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 0x40 && c <= 0x7e) return i + 1; // final byte
  }
  return i; // unfinished or malformed: drop what was read, keep the rest as text
}

/**
 * Index just past the string terminator of an OSC/DCS/SOS/PM/APC whose payload starts at `i`; without
 * one, the end of the line (the `\n` itself is kept).
 */
function skipString(s: string, i: number): number {
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === BEL || c === ST_8BIT) return i + 1;
    if (c === ESC && s.charCodeAt(i + 1) === 0x5c) return i + 2;
    if (c === LF) return i;
  }
  return n;
}

/** Index just past the escape sequence that starts with ESC at `i`. */
function skipEscape(s: string, i: number): number {
  const next = s.charCodeAt(i + 1);
  if (Number.isNaN(next)) return i + 1;
  if (next === 0x5b) return skipCsi(s, i + 2); // [
  // ] P X ^ _ : strings ended by ST or BEL
  if (next === 0x5d || next === 0x50 || next === 0x58 || next === 0x5e || next === 0x5f) {
    return skipString(s, i + 2);
  }
  if (next >= 0x20 && next <= 0x2f) {
    // nF escape: intermediates, then a final byte
    let j = i + 2;
    while (j < s.length && s.charCodeAt(j) >= 0x20 && s.charCodeAt(j) <= 0x2f) j++;
    const final = s.charCodeAt(j);
    return final >= 0x30 && final <= 0x7e ? j + 1 : j;
  }
  if (next >= 0x30 && next <= 0x7e) return i + 2; // ESC 7, ESC =, ESC M, ESC c ...
  return i + 1; // a lone ESC before a control or non-ASCII character
}

/**
 * Removes ANSI escape sequences (colours, cursor moves, OSC links) from one line, or from lines joined
 * by `\n`.
 *
 * Returns `s` itself (the same string object) when it contains no ESC (`\x1b`) or 8-bit CSI (`\x9b`),
 * which is the common case on the hot path; callers may compare by identity to learn nothing changed.
 */
export function stripAnsi(s: string): string {
  if (s.indexOf('\x1b') === -1 && s.indexOf('\x9b') === -1) return s;
  const out = stripOneByte(s) ?? stripBySlices(s);
  return out === s ? s : out;
}

/** The one-byte path: undefined as soon as a character does not fit one byte. */
function stripOneByte(s: string): string | undefined {
  const n = s.length;
  if (scratch.length < n) scratch = Buffer.allocUnsafeSlow(Math.max(n, scratch.length * 2));
  const out = scratch;
  let o = 0;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === ESC) i = skipEscape(s, i);
    else if (c === CSI_8BIT) i = skipCsi(s, i + 1);
    else if (c > 0xff) return undefined;
    else {
      out[o++] = c;
      i++;
    }
  }
  return out.toString('latin1', 0, o);
}

/** The general path: copy the text between sequences, jumping from one to the next. */
function stripBySlices(s: string): string {
  let esc = s.indexOf('\x1b');
  // The 8-bit CSI is rare: its next position is searched again only once passed, so both searches
  // together stay linear in the line.
  let c1 = s.indexOf('\x9b');
  let out = '';
  let copied = 0;
  let i = esc === -1 ? c1 : c1 === -1 ? esc : Math.min(esc, c1);
  while (i !== -1) {
    if (i > copied) out += s.slice(copied, i);
    copied = s.charCodeAt(i) === ESC ? skipEscape(s, i) : skipCsi(s, i + 1);
    const next = s.charCodeAt(copied);
    if (next === ESC || next === CSI_8BIT) {
      i = copied; // back-to-back sequences: no search needed
      continue;
    }
    if (esc !== -1 && esc < copied) esc = s.indexOf('\x1b', copied);
    if (c1 !== -1 && c1 < copied) c1 = s.indexOf('\x9b', copied);
    i = esc === -1 ? c1 : c1 === -1 ? esc : Math.min(esc, c1);
  }
  return out + s.slice(copied);
}
