import { isLibraryPath, splitLocation } from './location.js';
import type { Location } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** ` FAIL  src/sum.test.js > sum > adds numbers` (one per failed test, in the failure details). */
const HEADER = /^\s*FAIL\s+(\S+) > (.+)$/;
/** ` FAIL  src/lib.test.ts [ src/lib.test.ts ]`: a test file that failed to load (Failed Suites). */
const SUITE = /^\s*FAIL\s+(\S+) \[ (.+) \]$/;
/** A transform error's summary line; the error itself is on the next line (`[PARSE_ERROR] msg`). */
const SUMMARY = /failed with \d+ errors?:$/;
const TAG = /^\[([A-Z_]+)\] (.*)$/;
const BOX_LOC = /^\s*╭─\[ (.+?) \]$/;
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

  /** `test` undefined: a suite (test file) that failed to load. */
  constructor(
    private readonly file: string,
    private readonly test: string | undefined,
  ) {}

  next(text: string): Step {
    if (SEPARATOR.test(text.trim())) return 'last';
    if (HEADER.test(text) || SUITE.test(text) || /^\s*Test Files\s/.test(text)) return 'end';
    const trimmed = text.trim();
    if (trimmed === '' || CODE_FRAME.test(text)) return 'take';
    const box = BOX_LOC.exec(text);
    if (box) {
      this.#loc ??= splitLocation(box[1]!);
      return 'take';
    }
    const loc = LOCATION.exec(text);
    if (loc) {
      const at = splitLocation(loc[1]!);
      // Frames inside dependencies (`../node_modules/vite/…`) are not where the problem is.
      if (at !== undefined && !isLibraryPath(at.file)) this.#loc ??= at;
      this.#stack.push(trimmed);
      return 'take';
    }
    if (this.#message === undefined || (this.#code === 'Error' && SUMMARY.test(this.#message))) {
      const tag = this.#message === undefined ? undefined : TAG.exec(trimmed);
      const err = tag ? undefined : ERROR.exec(trimmed);
      this.#code = tag ? tag[1] : err?.[1];
      this.#message = tag ? tag[2] : err ? err[2] : trimmed;
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
        message:
          this.test === undefined
            ? (this.#message ?? `${this.file} failed to load`)
            : `${this.test}: ${this.#message ?? 'failed'}`,
        ...loc,
        stack: this.test === undefined ? [`suite failed to load: ${this.file}`, ...this.#stack] : this.#stack,
      },
    ];
  }
}

/**
 * vitest failure details: test path, assertion, expected/received diff, `❯ file:l:c` location; and
 * Failed Suites (a test file that failed to load: the import or transform error and where it is).
 */
export const vitestParser: Parser = {
  name: 'vitest',
  start(text) {
    if (!text.includes('FAIL')) return undefined;
    const m = HEADER.exec(text);
    if (m) return new VitestBlock(m[1]!, m[2]!.trim());
    const suite = SUITE.exec(text);
    return suite ? new VitestBlock(suite[1]!, undefined) : undefined;
  },
};
