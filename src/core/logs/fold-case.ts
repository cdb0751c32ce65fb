/**
 * Rewrites a regular expression (JavaScript syntax, no `u` flag) so it matches case-insensitively
 * WITHOUT the `i` flag: each letter `x` becomes `[xX]`, and classes gain the other case of their
 * letters and ASCII letter ranges.
 *
 * Why: V8's linear-time engine (and its fallback on excessive backtracking) does not support `i` in
 * Node 20, so `/(a+)+$/i` could still freeze the event loop. Without `i`, the fallback protects us.
 *
 * Folding covers ASCII letters and any single character whose `toLowerCase`/`toUpperCase` is one
 * different UTF-16 unit (é/É); ranges fold only their ASCII letters. Escapes (`\d`, `\x41`, `\u00e9`)
 * are copied unchanged. The input must already be a valid pattern (compile it first).
 */
export function foldCase(pattern: string): string {
  let out = '';
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\') {
      const esc = readEscape(pattern, i);
      out += esc;
      i += esc.length;
    } else if (c === '[') {
      const end = classEnd(pattern, i);
      out += foldClass(pattern.slice(i, end));
      i = end;
    } else if (
      c === '(' &&
      pattern[i + 1] === '?' &&
      pattern[i + 2] === '<' &&
      /[\w$]/.test(pattern[i + 3] ?? '')
    ) {
      // Named group `(?<name>`: the name is not text to match.
      const close = pattern.indexOf('>', i);
      out += pattern.slice(i, close + 1);
      i = close + 1;
    } else {
      const alt = otherCase(c);
      out += alt === undefined ? c : `[${c}${alt}]`;
      i++;
    }
  }
  return out;
}

/** The other case of a single UTF-16 unit, when there is exactly one. */
function otherCase(c: string): string | undefined {
  const lower = c.toLowerCase();
  const upper = c.toUpperCase();
  if (lower !== c && lower.length === 1) return lower;
  if (upper !== c && upper.length === 1) return upper;
  return undefined;
}

/** The escape sequence starting at `i` (a backslash), whole: `\d`, `\x41`, `\u00e9`, `\cM`, `\12`. */
function readEscape(p: string, i: number): string {
  const next = p[i + 1] ?? '';
  if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(p.slice(i + 2, i + 4))) return p.slice(i, i + 4);
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(p.slice(i + 2, i + 6))) return p.slice(i, i + 6);
  if (next === 'c' && /^[A-Za-z]$/.test(p[i + 2] ?? '')) return p.slice(i, i + 3);
  const digits = /^\d+/.exec(p.slice(i + 1));
  if (digits) return '\\' + digits[0];
  return p.slice(i, i + 2);
}

/** Index just after the `]` closing the class that starts at `i` (`[]` is a valid empty class). */
export function classEnd(p: string, i: number): number {
  let j = p[i + 1] === '^' ? i + 2 : i + 1;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']') return j + 1;
  }
  return p.length;
}

const LETTER_RANGES: ReadonlyArray<readonly [number, number, number]> = [
  [0x61, 0x7a, -0x20], // a-z -> A-Z
  [0x41, 0x5a, 0x20], // A-Z -> a-z
];

/** Adds the other case of every literal letter and ASCII letter range in one `[...]` class. */
function foldClass(cls: string): string {
  const negated = cls[1] === '^';
  let j = negated ? 2 : 1;
  const end = cls.length - 1; // index of the closing `]`
  let extra = '';
  const atoms: Array<{ text: string; code: number | undefined }> = [];
  while (j < end) {
    if (cls[j] === '\\') {
      const esc = readEscape(cls, j);
      atoms.push({ text: esc, code: undefined });
      j += esc.length;
    } else {
      atoms.push({ text: cls[j]!, code: cls.charCodeAt(j) });
      j++;
    }
  }
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k]!;
    const dash = atoms[k + 1];
    const b = atoms[k + 2];
    if (dash?.text === '-' && b !== undefined && a.code !== undefined && b.code !== undefined) {
      for (const [lo, hi, shift] of LETTER_RANGES) {
        const from = Math.max(lo, a.code);
        const to = Math.min(hi, b.code);
        if (from <= to) extra += `${escapeClassChar(from + shift)}-${escapeClassChar(to + shift)}`;
      }
      k += 2;
    } else if (a.code !== undefined) {
      const alt = otherCase(a.text);
      if (alt !== undefined) extra += escapeClassChar(alt.charCodeAt(0));
    }
  }
  if (extra === '') return cls;
  // Prepend, so a trailing `-` stays literal; escape a leading `-` so it cannot join `extra` in a range.
  let body = cls.slice(negated ? 2 : 1, end);
  if (body.startsWith('-')) body = '\\' + body;
  return (negated ? '[^' : '[') + extra + body + ']';
}

function escapeClassChar(code: number): string {
  const c = String.fromCharCode(code);
  return /[\\\]^-]/.test(c) ? '\\' + c : c;
}
