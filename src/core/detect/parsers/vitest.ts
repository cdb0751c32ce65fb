import { splitLocation } from './location.js';
import type { Location } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** ` FAIL  src/sum.test.js > sum > adds numbers` (one per failed test, in the failure details). */
const HEADER = /^\s*FAIL\s+(\S+) > (.+)$/;
const SEPARATOR = /^⎯+(?:\[\d+\/\d+\])?⎯*$/;
const ERROR = /^(\w*Error): (.*)$/;
const LOCATION = /^\s*❯ (?:\S+ )?(\S+:\d+:\d+)$/;
const DIFF = /^\s*[-+] /;
const CODE_FRAME = /^\s*\d*\s*\|/;

class VitestBlock implements Block {
  readonly #stack: string[] = [];
  #loc: Location | undefined;
  #code: string | undefined;
  #message: string | undefined;

  constructor(
    private readonly file: string,
    private readonly test: string,
  ) {}

  next(text: string): Step {
    if (SEPARATOR.test(text.trim())) return 'last';
    if (HEADER.test(text) || /^\s*Test Files\s/.test(text)) return 'end';
    const trimmed = text.trim();
    if (trimmed === '' || CODE_FRAME.test(text)) return 'take';
    const loc = LOCATION.exec(text);
    if (loc) {
      this.#loc ??= splitLocation(loc[1]!);
      this.#stack.push(trimmed);
      return 'take';
    }
    if (this.#message === undefined) {
      const err = ERROR.exec(trimmed);
      this.#code = err?.[1];
      this.#message = err ? err[2] : trimmed;
    } else if (DIFF.test(text) || this.#stack.length < 50) this.#stack.push(text.trimEnd());
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    const loc = this.#loc ?? { file: this.file };
    return [
      {
        severity: 'error',
        kind: 'vitest',
        code: this.#code,
        message: `${this.test}: ${this.#message ?? 'failed'}`,
        ...loc,
        stack: this.#stack,
      },
    ];
  }
}

/** vitest failure details: test path, assertion, expected/received diff, `❯ file:l:c` location. */
export const vitestParser: Parser = {
  name: 'vitest',
  start(text) {
    if (!text.includes('FAIL')) return undefined;
    const m = HEADER.exec(text);
    return m ? new VitestBlock(m[1]!, m[2]!.trim()) : undefined;
  },
};
