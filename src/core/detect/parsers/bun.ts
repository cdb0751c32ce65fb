import { firstUserFrame } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * `bun test` failures: a code frame, `error: expect(received).toBe(expected)`, the diff, frames, and
 * then the test's result line `✗ adds [0.27ms]` (the title comes last). Only an `error:` line right
 * under Bun's code frame (its caret line) starts one: cargo prints `error: …` lines too.
 */
const CARET = /^\s*\^\s*$|^\d+ \| /;
const ERROR = /^error: (.+)$/;
const FRAME = /^\s+at /;
const FAILED = /^\s*✗ (.+?)(?: \[[\d.]+m?s\])?$/;

class BunTestBlock implements Block {
  readonly #frames: string[] = [];
  readonly #notes: string[] = [];
  #title: string | undefined;

  constructor(private readonly message: string) {}

  next(text: string): Step {
    const failed = FAILED.exec(text);
    if (failed) {
      this.#title = failed[1];
      return 'last';
    }
    if (FRAME.test(text)) {
      this.#frames.push(text.trim());
      return 'take';
    }
    if (this.#frames.length > 0) return 'end';
    if (/^(?:Expected|Received)\b/.test(text) && this.#notes.length < 10) this.#notes.push(text.trim());
    return text === '' || /^(?:Expected|Received|[-+] )/.test(text) ? 'take' : 'end';
  }

  finish(): readonly Diagnostic[] {
    if (this.#frames.length === 0 && this.#title === undefined) return [];
    const loc = firstUserFrame(this.#frames);
    return [
      {
        severity: 'error',
        kind: 'bun',
        message: this.#title === undefined ? this.message : `${this.#title}: ${this.message}`,
        ...loc,
        stack: [...this.#notes, ...this.#frames],
      },
    ];
  }
}

export const bunTestParser: Parser = {
  name: 'bun',
  start(text, ctx) {
    if (text.charCodeAt(0) !== 101 /* e */ || !CARET.test(ctx.prevText)) return undefined;
    const m = ERROR.exec(text);
    return m ? new BunTestBlock(m[1]!) : undefined;
  },
};
