/**
 * Preparing stored log text for a one-line terminal cell.
 *
 * Child output may contain any escape sequence. Only SGR (colour/style, `ESC[...m`) is safe inside a
 * cell; cursor movement, erase, OSC titles and hyperlinks would corrupt the frame, so they are dropped.
 * Cutting is by visible columns and always closes with a reset so colour never bleeds into the next row.
 */

// One escape sequence: CSI (ESC [ ... final), OSC (ESC ] ... BEL | ESC \), or a two-byte ESC X.
// eslint-disable-next-line no-control-regex -- matching escape sequences is the point
const ESCAPE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-Z\\-_])/y;
const RESET = '\u001B[0m';

/** True for code points that take two terminal columns (CJK, wide emoji); an approximation. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/**
 * Returns at most `width` visible columns of `input`, keeping SGR sequences (unless `keepStyles` is
 * false), dropping other escapes and control characters, turning tabs into spaces. Work is bounded by
 * the output width, not the input length.
 */
export function fitAnsi(input: string, width: number, keepStyles = true): string {
  let out = '';
  let used = 0;
  let styled = false;
  let i = 0;
  while (i < input.length && used < width) {
    const code = input.charCodeAt(i);
    if (code === 0x1b) {
      const next = input.charCodeAt(i + 1);
      if (!(next >= 0x40 && next <= 0x5f)) {
        // A lone ESC (or one before a byte no sequence starts with): skip it without a regex run,
        // so a line of 64K ESC bytes costs one cheap step each.
        i++;
        continue;
      }
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(input);
      if (m) {
        const seq = m[0];
        if (keepStyles && seq.endsWith('m') && seq.startsWith('\u001B[')) {
          out += seq;
          styled = true;
        }
        i += seq.length;
        continue;
      }
      i++;
      continue;
    }
    if (code === 0x09) {
      out += ' ';
      used++;
      i++;
      continue;
    }
    if (code < 0x20 || code === 0x7f) {
      i++;
      continue;
    }
    const cp = input.codePointAt(i) ?? code;
    const char = String.fromCodePoint(cp);
    const w = isWide(cp) ? 2 : 1;
    if (used + w > width) break;
    out += char;
    used += w;
    i += char.length;
  }
  return styled ? out + RESET : out;
}
