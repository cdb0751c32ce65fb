import type { Block, Diagnostic, Parser, Step } from './types.js';

/** gcc/clang: `file:l:c: error: msg [-Wflag]` (also `fatal error:` and `warning:`). */
const HEADER = /^(.+?):(\d+):(\d+): (fatal error|error|warning): (.*?)(?: \[(-W[^\]]+)\])?$/;
const NOTE = /^.+?:\d+:\d+: note: /;

class GccBlock implements Block {
  readonly #notes: string[] = [];
  constructor(private readonly diag: Diagnostic) {}

  next(text: string): Step {
    if (text.startsWith(' ')) return 'take'; // code frame with carets and fix-it hints
    if (NOTE.test(text)) {
      this.#notes.push(text.trim());
      return 'take';
    }
    return 'end';
  }

  finish(): readonly Diagnostic[] {
    return [{ ...this.diag, stack: this.#notes }];
  }
}

/** C/C++ compiler diagnostics from gcc and clang. */
export const gccParser: Parser = {
  name: 'gcc',
  start(text) {
    if (!text.includes(': error: ') && !text.includes(': warning: ') && !text.includes(': fatal error: ')) {
      return undefined;
    }
    const m = HEADER.exec(text);
    if (!m) return undefined;
    return new GccBlock({
      severity: m[4] === 'warning' ? 'warning' : 'error',
      kind: 'gcc',
      code: m[6],
      message: m[5]!,
      file: m[1]!,
      line: Number(m[2]),
      column: Number(m[3]),
      stack: [],
    });
  },
};
