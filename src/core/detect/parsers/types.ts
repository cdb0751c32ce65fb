import type { Diagnostic, Severity } from '../types.js';

export type { Diagnostic, Severity };

/**
 * How an open block treats the next line of the same process:
 * `take` (part of the block, block stays open), `last` (part of the block, block closes after it),
 * `end` (not part of the block; the block closes and the line is examined afresh).
 */
export type Step = 'take' | 'last' | 'end';

/**
 * A multi-line report being read. `finish` returns what it found: usually one diagnostic, several for
 * formats that group problems (an ESLint file section), none to discard it (it was not an error after all).
 */
export interface Block {
  next(text: string): Step;
  finish(): readonly Diagnostic[];
  /** Lines just before the start line that belong to the report (e.g. Node's code frame), at most `LOOKBACK`. */
  readonly leading?: number;
  /** The most lines the block may take (default: the detector's `maxBlockLines`, 400). */
  readonly maxLines?: number;
}

export interface StartContext {
  /** The previous line (stripped) of the same process; '' at the start. */
  readonly prevText: string;
  /** The line `k` lines back (1 = previous, up to `LOOKBACK`), stripped; undefined before the start. */
  readonly before: (k: number) => string | undefined;
}

/** How many earlier lines a parser may look at (and claim) when it starts a block. */
export const LOOKBACK = 4;

/**
 * A parser for one tool family. `start` is only called for lines that passed the detector's cheap
 * prefilter and that no open block claimed. It returns a finished single-line `Diagnostic`, an open
 * `Block`, or undefined when the line is not its format.
 */
export interface Parser {
  readonly name: string;
  start(text: string, ctx: StartContext): Diagnostic | Block | undefined;
}

export function isBlock(result: Diagnostic | Block): result is Block {
  return typeof (result as Block).next === 'function';
}
