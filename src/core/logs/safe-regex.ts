/**
 * Checks and runs user-supplied regular expressions (search queries, `ready_pattern`).
 *
 * What is accepted: a pattern that V8's linear-time engine (the `l` flag) can compile — no
 * backreferences, no lookaround, no large counted repetition — at most MAX_PATTERN_LENGTH characters.
 * This is checked at config load and at every search, with the engine that will run the pattern.
 *
 * How a pattern runs (`patternTester`), chosen by measurement (see docs/architecture.md):
 * - First `reducePattern` drops leading and trailing repetitions (`.*foo` → `foo`): the same lines
 *   match, and what usually made a pattern quadratic is gone. With no quantifier left, irregexp runs
 *   it on every line (microseconds on 64 KiB, where the linear engine takes ~20 ms).
 * - Otherwise, lines up to SHORT_LINE characters use V8's ordinary engine (irregexp), 10–160× faster than the
 *   linear engine on ordinary patterns; on so short an input a polynomial pattern costs well under a
 *   millisecond, and `--enable-experimental-regexp-engine-on-excessive-backtracks` hands an exponential
 *   one to the linear engine.
 * - Longer lines use the linear engine (`l`): `.*foo` on a 64 KiB line costs ~20 ms there and ~8 s
 *   in irregexp, whose backtracking fallback never triggers for such quadratic patterns.
 * Linear still means O(line × pattern): a 300-character pattern can take ~0.7 s on one 64 KiB line.
 * So the engine never runs a user pattern on its main thread; searches and readiness checks go to a
 * worker thread (`pattern-worker.ts`) that is terminated when a search's budget is spent.
 *
 * Neither engine supports the `i` flag in linear mode on Node 20, so case-insensitive patterns are
 * rewritten with `foldCase` instead of using `i`.
 */
import v8 from 'node:v8';
import { BrumError } from '../errors.js';
import { foldCase } from './fold-case.js';
import { reducePattern, requiredLiteral } from './reduce-pattern.js';

// Must run before this module compiles any regex; the flags are process-wide (worker threads share
// them) and only add capabilities.
v8.setFlagsFromString('--enable-experimental-regexp-engine');
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

/** Longest pattern accepted (a guard against pathological compile times and memory). */
export const MAX_PATTERN_LENGTH = 1000;

/** Lines up to this many characters are tested with irregexp, longer ones with the linear engine. */
export const SHORT_LINE = 256;

export interface SafeRegexOptions {
  /** Default true. */
  readonly caseSensitive?: boolean;
  /** Where the pattern comes from, for the hint in error messages (default 'search'). */
  readonly purpose?: 'search' | 'config';
}

/** Why a pattern cannot be run, in words fit for an error message (without the pattern itself). */
export function patternProblem(pattern: string): string | undefined {
  try {
    checkPattern(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Validates a user pattern and returns the source to compile (case-folded when `caseSensitive` is
 * false). Throws `BrumError('INVALID_PATTERN')` for a syntax error, a construct the linear-time engine
 * cannot run (backreferences, lookaround, large counted repetition), or an over-long pattern.
 */
export function checkPattern(pattern: string, options: SafeRegexOptions = {}): string {
  const literal =
    options.purpose === 'config'
      ? 'or match a fixed text instead (escape special characters)'
      : 'or search for the text literally (regex: false)';
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new BrumError(
      'INVALID_PATTERN',
      `The pattern is ${pattern.length} characters long; the maximum is ${MAX_PATTERN_LENGTH}. Shorten it.`,
      { details: { pattern: pattern.slice(0, 100) } },
    );
  }
  try {
    new RegExp(pattern); // syntax first, so a syntax error is not reported as "not linear"
  } catch (error) {
    throw new BrumError(
      'INVALID_PATTERN',
      `Invalid regular expression: ${engineMessage(error)}. Use JavaScript regex syntax (escape special characters such as ( ) [ ] . * + ? with a backslash), ${literal}.`,
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
      `This regular expression cannot run in linear time: backreferences (\\1, \\k<name>), lookaround ((?=...), (?!...), (?<=...), (?<!...)) and large counted repetitions (such as {1,500}) are not supported, because their worst case could freeze brum. Rewrite without them (use * or + instead of a large {n,m}), ${literal}.`,
      { cause: error, details: { pattern, reason: engineMessage(error) } },
    );
  }
  return source;
}

/** A validated pattern, ready for `patternTester` or the pattern worker. */
export interface PreparedPattern {
  /** What to compile: the checked source, case-folded if asked, reduced by `reducePattern`. */
  readonly source: string;
  /** No quantifier is left: irregexp is cheap on any line, so the linear engine is never needed. */
  readonly fastOnly: boolean;
  /**
   * Text every matching line contains (≥ 3 characters; ASCII when the pattern ignores case), so a
   * literal scan can rule lines out before the pattern runs; '' when there is none.
   */
  readonly literal: string;
  readonly caseSensitive: boolean;
}

/** `checkPattern`, then `reducePattern` (same lines match; no leading/trailing repetition). */
export function preparePattern(pattern: string, options: SafeRegexOptions = {}): PreparedPattern {
  const reduced = reducePattern(checkPattern(pattern, options));
  const caseSensitive = options.caseSensitive !== false;
  let literal = requiredLiteral(pattern);
  // foldCase and the `i` flag agree on printable ASCII; elsewhere they may differ: no shortcut there.
  if (literal.length < 3 || (!caseSensitive && /[^ -~]/.test(literal))) literal = '';
  return { source: reduced.source, fastOnly: reduced.quantifierFree, literal, caseSensitive };
}

/**
 * A test for one line: irregexp on short lines (and on any line when no quantifier is left), the
 * linear engine on the rest (see the module comment). Runs the pattern on the calling thread: the
 * engine calls it only inside the pattern worker, whose script mirrors this function.
 */
export function patternTester(pattern: PreparedPattern): (text: string) => boolean {
  const fast = new RegExp(pattern.source);
  if (pattern.fastOnly) return (text) => fast.test(text);
  // eslint-disable-next-line no-invalid-regexp -- `l` is V8's linear-engine flag, enabled above.
  const linear = new RegExp(pattern.source, 'l');
  return (text) => (text.length <= SHORT_LINE ? fast.test(text) : linear.test(text));
}

/**
 * `preparePattern` + `patternTester` in one step. For callers that run a pattern on the calling
 * thread (tests, benchmarks, the synchronous `searchLogs`).
 */
export function compileSafeRegex(
  pattern: string,
  options: SafeRegexOptions = {},
): { test(text: string): boolean } {
  return { test: patternTester(preparePattern(pattern, options)) };
}

/** Escapes every regex metacharacter, so the string matches itself literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** V8's reason only: it says `Invalid regular expression: /<source>/<flags>: <reason>`, and the
 * source may hold a secret (a config value), so it is never repeated. */
function engineMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(message.lastIndexOf(': ') + 2);
}
