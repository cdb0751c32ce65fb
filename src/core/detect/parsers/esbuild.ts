import { splitLocation } from './location.js';
import type { Location } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** `✘ [ERROR] msg` / `▲ [WARNING] msg [rule]`, then an indented `file:l:c:` location and code frame. */
const HEADER = /^[✘▲X] \[(ERROR|WARNING)\] (.*?)(?: \[([\w-]+)\])?$/;
const LOC = /^ {4}(\S.*?:\d+:\d+):$/;
const NOTE = /^ {2}(\S.*)$/;

class EsbuildBlock implements Block {
  readonly #notes: string[] = [];
  #loc: Location | undefined;
  constructor(private readonly diag: Diagnostic) {}

  next(text: string): Step {
    if (text !== '' && text.charCodeAt(0) !== 32) return 'end';
    const loc = LOC.exec(text);
    if (loc) this.#loc ??= splitLocation(loc[1]!);
    else {
      const note = NOTE.exec(text);
      if (note) this.#notes.push(note[1]!);
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    return [{ ...this.diag, ...this.#loc, stack: this.#notes }];
  }
}

/** esbuild's own CLI/API output (also what Vite's dependency pre-bundling prints). */
export const esbuildParser: Parser = {
  name: 'esbuild',
  start(text) {
    const c = text.charCodeAt(0);
    if (c !== 0x2718 && c !== 0x25b2 && c !== 88 /* X */) return undefined;
    const m = HEADER.exec(text);
    if (!m) return undefined;
    return new EsbuildBlock({
      severity: m[1] === 'ERROR' ? 'error' : 'warning',
      kind: 'esbuild',
      code: m[3],
      message: m[2]!,
      stack: [],
    });
  },
};
