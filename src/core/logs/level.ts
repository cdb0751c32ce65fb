import type { LogLevel } from './types.js';

/**
 * A first guess at a line's level from its own (ANSI-stripped) text. Error detection later raises the
 * level of every line that belongs to a detected error or warning (`LogStore.setLevel`).
 *
 * The stream is deliberately ignored: many tools write progress and banners to stderr, so stderr alone
 * says nothing. Most lines mention none of the keywords, so a literal alternation (a multi-string scan,
 * no backtracking) rejects them before the word-boundary patterns run.
 */

const PREFILTER = /err|fail|warn|fatal|panic|exception/i;

/** A count or label saying there were none, e.g. `Found 0 errors`, `no warnings`, `Errors: 0`. */
const NONE_BEFORE = String.raw`(?<!\b(?:0|no|zero|without)\s+)`;
const NONE_AFTER = String.raw`(?!\s*[:=]\s*0\b)`;

const ERROR_WORDS = new RegExp(
  String.raw`${NONE_BEFORE}\b(?:(?:errors?|fatal|panic(?:ked)?|exception|failed|failures?|fail)\b${NONE_AFTER}|err!)`,
  'i',
);
/** Class-like names: `TypeError:`, `SyntaxError`, `NullPointerException`. */
const ERROR_NAMES = /\b[A-Z][A-Za-z]*(?:Error|Exception)\b/;
const WARNING_WORDS = new RegExp(
  String.raw`${NONE_BEFORE}\bwarn(?:ings?)?\b${NONE_AFTER}|\b[A-Z][A-Za-z]*Warning\b`,
  'i',
);

/** Classifies one stripped line: `error`, `warning` or `info`. Cheap for lines without keywords. */
export function classifyLevel(text: string): LogLevel {
  if (!PREFILTER.test(text)) return 'info';
  if (ERROR_WORDS.test(text) || ERROR_NAMES.test(text)) return 'error';
  if (WARNING_WORDS.test(text)) return 'warning';
  return 'info';
}
