import { firstUserFrame } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** `  ● suite › test name` (also `● Test suite failed to run`). */
const HEADER = /^\s*● (.+)$/;
const FRAME = /^\s+at /;
const CODE_FRAME = /^\s*>?\s*\d*\s*\|/;
const END = /^(?:Test Suites:|\s*(?:PASS|FAIL) )/;

class JestBlock implements Block {
  readonly #stack: string[] = [];
  readonly #frames: string[] = [];
  #message: string | undefined;

  constructor(private readonly title: string) {}

  next(text: string): Step {
    if (HEADER.test(text) || END.test(text)) return 'end';
    const trimmed = text.trim();
    if (FRAME.test(text)) {
      this.#frames.push(trimmed);
      return 'take';
    }
    if (this.#frames.length > 0 && trimmed !== '') return 'end';
    if (trimmed === '' || CODE_FRAME.test(text)) return 'take';
    if (this.#message === undefined) this.#message = trimmed;
    else if (this.#stack.length < 50) this.#stack.push(trimmed);
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    const loc = firstUserFrame(this.#frames);
    return [
      {
        severity: 'error',
        kind: 'jest',
        message: `${this.title}: ${this.#message ?? 'failed'}`,
        ...loc,
        stack: [...this.#stack, ...this.#frames],
      },
    ];
  }
}

/** Jest failure details: title, matcher message, Expected/Received and diff lines, `at … (file:l:c)`. */
export const jestParser: Parser = {
  name: 'jest',
  start(text) {
    if (!text.includes('●')) return undefined;
    const m = HEADER.exec(text);
    return m ? new JestBlock(m[1]!.trim()) : undefined;
  },
};
