import { firstUserFrame, splitLocation } from './location.js';
import type { Location } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** Dev: `⨯ ./app/page.tsx:3:1`; build: `Failed to compile.`, `Turbopack build failed with 1 error:`. */
const DEV_LOC = /^⨯ (\.{0,2}\/\S+?:\d+:\d+)$/;
const RUNTIME = /^⨯ (?:(\w*Error): )?(.+)$/;
const BUILD = /^(?:Failed to compile\.?|.*Turbopack build failed with \d+ errors?:)$/;
const LOC = /^(\.{0,2}\/\S+?:\d+:\d+)$/;
const ERROR = /^(\w*Error): (.*)$/;
/** Lines that start the next log entry. */
const NEXT_ENTRY = /^(?:⨯|✓|○|⚠|▲|\s?(?:GET|POST|PUT|DELETE|PATCH|HEAD) \/)/;
const DOCS = /^https:\/\/nextjs\.org\/docs\/messages\//;
const FRAME = /^\s+at /;

class NextBlock implements Block {
  readonly #frames: string[] = [];
  readonly #notes: string[] = [];
  #loc: Location | undefined;
  #code: string | undefined;
  #message: string | undefined;

  constructor(loc?: string, code?: string, message?: string) {
    if (loc) this.#loc = splitLocation(loc);
    this.#code = code;
    this.#message = message;
  }

  next(text: string): Step {
    if (NEXT_ENTRY.test(text)) return 'end';
    if (DOCS.test(text)) {
      this.#notes.push(text);
      return 'last';
    }
    if (FRAME.test(text)) {
      this.#frames.push(text.trim());
      return 'take';
    }
    if (this.#frames.length > 0) return 'end';
    const loc = LOC.exec(text);
    if (loc) {
      // A second location starts the next error of a multi-error build report.
      if (this.#loc && this.#message !== undefined) return 'end';
      this.#loc = splitLocation(loc[1]!);
      return 'take';
    }
    const err = ERROR.exec(text);
    if (err && this.#message === undefined) {
      this.#code = err[1];
      this.#message = err[2];
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    if (this.#message === undefined) return [];
    const loc = this.#loc ?? firstUserFrame(this.#frames);
    // Plain `Error` adds nothing as a code; keep specific names (TypeError, …).
    const code = this.#code === 'Error' ? undefined : this.#code;
    return [
      {
        severity: 'error',
        kind: 'next',
        code,
        message: this.#message,
        ...loc,
        stack: [...this.#frames, ...this.#notes],
      },
    ];
  }
}

/** Next.js dev-server (`⨯ …`) and `next build` (`Failed to compile`) errors. */
export const nextParser: Parser = {
  name: 'next',
  start(text) {
    if (text.startsWith('⨯ ')) {
      const loc = DEV_LOC.exec(text);
      if (loc) return new NextBlock(loc[1]);
      const rt = RUNTIME.exec(text);
      return rt ? new NextBlock(undefined, rt[1], rt[2]) : undefined;
    }
    if (!text.startsWith('Failed to compile') && !text.includes('Turbopack build failed')) return undefined;
    return BUILD.test(text) ? new NextBlock() : undefined;
  },
};
