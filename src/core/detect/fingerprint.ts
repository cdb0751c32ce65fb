import type { Diagnostic } from './parsers/types.js';

/**
 * Noise that differs between two occurrences of the same error: clock times, ISO dates, hex addresses,
 * durations, pids, sizes. Numbers that identify the error (codes, line numbers in the location) are kept.
 */
const NOISE: readonly [RegExp, string][] = [
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<date>'],
  [/\[?\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: ?[AP]M)?\b\]?/g, '<time>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?\s?(?:ms|s|µs|ns|m)\b/g, '<dur>'],
  [/\bpid[ :=]?\d+\b/gi, 'pid <n>'],
  [/\(\d{2,}\)/g, '(<n>)'],
  [/\s+/g, ' '],
];

/** Message with per-occurrence noise replaced, so identical errors compare equal. */
export function normaliseMessage(message: string): string {
  let out = message;
  for (const [re, by] of NOISE) out = out.replace(re, by);
  return out.trim();
}

/** FNV-1a, 32 bit: fast, stable, and plenty for telling a few thousand records apart per process. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Identity of an error across occurrences: kind + code + normalised message + file:line. */
export function fingerprintKey(d: Diagnostic): string {
  const where = d.file === undefined ? '' : `${d.file}:${d.line ?? ''}`;
  return `${d.severity}|${d.kind}|${d.code ?? ''}|${normaliseMessage(d.message)}|${where}`;
}

export function fingerprint(d: Diagnostic): string {
  return fnv1a(fingerprintKey(d));
}
