/**
 * Compiles user-supplied regular expressions so that running them can never freeze brum.
 *
 * V8 has a linear-time regex engine (no backtracking). We use it two ways:
 * 1. Proof: a pattern is first compiled with the `l` flag; V8 refuses patterns it cannot run in linear
 *    time (backreferences, lookahead, lookbehind), and so do we.
 * 2. Fallback: the pattern is then compiled normally (irregexp is ~10x faster on ordinary patterns),
 *    and `--enable-experimental-regexp-engine-on-excessive-backtracks` makes V8 switch that regex to the
 *    linear engine once it backtracks too much: `/(a+)+$/` on 50k `a`s then `!` returns in milliseconds.
 * The fallback does not cover the `i` flag (nor `u`) in Node 20, so case-insensitive patterns are
 * rewritten with `foldCase` instead of using `i`.
 */
import v8 from 'node:v8';
import { BrumError } from '../errors.js';
import { foldCase } from './fold-case.js';

// Must run before this module compiles any regex; the flags are process-wide and only add capabilities.
v8.setFlagsFromString('--enable-experimental-regexp-engine');
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/** Longest pattern accepted (a guard against pathological compile times and memory). */
export const MAX_PATTERN_LENGTH = 1000;

export interface SafeRegexOptions {
  /** Default true. */
  readonly caseSensitive?: boolean;
}

/**
 * Returns a RegExp (no `g`/`y`, so `test` keeps no state) that runs in linear time in the worst case.
 * Throws `BrumError('INVALID_PATTERN')` for a syntax error, a pattern that needs backtracking
 * (backreferences, lookaround), or an over-long pattern.
 */
export function compileSafeRegex(pattern: string, options: SafeRegexOptions = {}): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new BrumError(
      'INVALID_PATTERN',
      `The pattern is ${pattern.length} characters long; the maximum is ${MAX_PATTERN_LENGTH}.`,
      {
        details: { pattern: pattern.slice(0, 100) },
      },
    );
  }
  try {
    new RegExp(pattern); // syntax first, so a syntax error is not reported as "not linear"
  } catch (error) {
    throw new BrumError(
      'INVALID_PATTERN',
      `Invalid regular expression: ${engineMessage(error)}. Use JavaScript regex syntax (escape special characters such as ( ) [ ] . * + ? with a backslash), or search for the text literally (regex: false).`,
      { cause: error, details: { pattern } },
    );
  }
  const source = options.caseSensitive === false ? foldCase(pattern) : pattern;
  try {
    // eslint-disable-next-line no-invalid-regexp -- `l` is V8's linear-engine flag, enabled above.
    new RegExp(source, 'l');
  } catch (error) {
    throw new BrumError(
      'INVALID_PATTERN',
      'This regular expression cannot run in linear time: backreferences (\\1, \\k<name>) and lookaround ((?=...), (?!...), (?<=...), (?<!...)) are not supported, because their worst case can take exponential time and freeze brum for every client. Rewrite without them, or search for a literal string.',
      { cause: error, details: { pattern, reason: engineMessage(error) } },
    );
  }
  return new RegExp(source);
}

/** Escapes every regex metacharacter, so the string matches itself literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Invalid regular expression: /, '');
}
