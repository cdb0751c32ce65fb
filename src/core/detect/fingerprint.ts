import type { Diagnostic } from './parsers/types.js';

/**
 * Noise that differs between two occurrences of the same error: clock times, ISO dates, hex addresses,
 * durations, pids, sizes. Numbers that identify the error (codes, line numbers in the location) are kept.
 * Each rule has a cheap necessary condition (`may`), checked on the text as it is at that step, so that
 * a message runs only the regexes that can match it; the result is the same as running them all.
 */
const NOISE: readonly (readonly [RegExp, string, (text: string) => boolean])[] = [
  [
    /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g,
    '<date>',
    (t) => t.includes('-') && t.includes(':'),
  ],
  [/\[?\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: ?[AP]M)?\b\]?/g, '<time>', (t) => t.includes(':')],
  [/\b0x[0-9a-f]+\b/gi, '<hex>', (t) => t.includes('0x') || t.includes('0X')],
  [/\b\d+(?:\.\d+)?\s?(?:ms|s|µs|ns|m)\b/g, '<dur>', () => true],
  [/\bpid[ :=]?\d+\b/gi, 'pid <n>', (t) => PID.test(t)],
  [/\(\d{2,}\)/g, '(<n>)', (t) => t.includes('(')],
];
const PID = /pid/i;
const DIGIT = /\d/;
/** Whitespace `normaliseMessage` changes: any but a single inner space. */
const ODD_SPACE = /[^\S ]| {2}|^ | $/;

/** Message with per-occurrence noise replaced, so identical errors compare equal. */
export function normaliseMessage(message: string): string {
  let out = message;
  // Every noise pattern needs a digit, and replacements add none.
  if (DIGIT.test(out)) for (const [re, by, may] of NOISE) if (may(out)) out = out.replace(re, by);
  return ODD_SPACE.test(out) ? out.replace(/\s+/g, ' ').trim() : out;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bit, continued from `h` over `text`: fast, stable, plenty for a few thousand records. */
function fnv1a(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** Identity of an error across occurrences: kind + code + normalised message + file:line. */
export function fingerprintKey(d: Diagnostic): string {
  const where = d.file === undefined ? '' : `${d.file}:${d.line ?? ''}`;
  return `${d.severity}|${d.kind}|${d.code ?? ''}|${normaliseMessage(d.message)}|${where}`;
}

/**
 * `fnv1a(fingerprintKey(d))` as 8 hex digits, hashed piece by piece (no joined key is built); `file`
 * stands for `d.file` (the detector's project-relative key).
 */
export function fingerprint(d: Diagnostic, file: string | undefined = d.file): string {
  let h = fnv1a(FNV_OFFSET, d.severity);
  h = fnv1a(Math.imul(h ^ 124, 0x01000193), d.kind); // 124 = '|'
  h = fnv1a(Math.imul(h ^ 124, 0x01000193), d.code ?? '');
  h = fnv1a(Math.imul(h ^ 124, 0x01000193), normaliseMessage(d.message));
  h = Math.imul(h ^ 124, 0x01000193);
  if (file !== undefined) {
    h = fnv1a(h, file);
    h = Math.imul(h ^ 58, 0x01000193); // 58 = ':'
    if (d.line !== undefined) h = fnv1a(h, String(d.line));
  }
  return hex8(h);
}

/** Char codes of `0`–`9a`–`f`. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** `(h >>> 0).toString(16).padStart(8, '0')`, several times faster (Number#toString(16) is generic). */
function hex8(h: number): string {
  return String.fromCharCode(
    HEX[(h >>> 28) & 15]!,
    HEX[(h >>> 24) & 15]!,
    HEX[(h >>> 20) & 15]!,
    HEX[(h >>> 16) & 15]!,
    HEX[(h >>> 12) & 15]!,
    HEX[(h >>> 8) & 15]!,
    HEX[(h >>> 4) & 15]!,
    HEX[h & 15]!,
  );
}
