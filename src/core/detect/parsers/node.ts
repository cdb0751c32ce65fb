import { firstUserFrame } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * `TypeError: msg`, `Error [ERR_X]: msg`, `Uncaught Error: msg`, `UnhandledPromiseRejection: msg`,
 * optionally after logger/runner prefixes such as `[12:03:44] ` or `[web] `.
 */
const HEADER =
  /^\s*(?:\[[^\]]*\]\s*)*(?:Uncaught )?((?:[A-Z][\w$]*)?(?:Error|Exception)|[A-Z]\w*Rejection)(?: \[([A-Z][A-Z0-9_]*)\])?: (.*)$/;
const FRAME = /^\s+at /;
const PROP_CODE = /^\s*code: '([^']+)'/;

/**
 * What Node prints above an uncaught error: `file:///app/x.mjs:4` (or `/app/x.js:4`), the source line,
 * a caret line, and a blank line. Part of the report: the raw lines then show the offending code.
 */
const FRAME_LOCATION = /^(?:file:\/\/)?[^\s:]*[/\\][^\s]*:\d+$/;
const CARET = /^\s*\^+\s*$/;

function codeFrameLength(before: (k: number) => string | undefined): number {
  const blank = before(1) === '' ? 1 : 0;
  const caret = before(1 + blank);
  const location = before(3 + blank);
  if (caret === undefined || location === undefined || before(2 + blank) === undefined) return 0;
  return CARET.test(caret) && FRAME_LOCATION.test(location) ? 3 + blank : 0;
}

class NodeBlock implements Block {
  readonly #frames: string[] = [];
  #inProps = false;
  #propCode: string | undefined;

  constructor(
    private readonly name: string,
    private readonly bracketCode: string | undefined,
    private readonly message: string,
    readonly leading: number,
  ) {}

  next(text: string): Step {
    if (this.#inProps) {
      const m = PROP_CODE.exec(text);
      if (m) this.#propCode = m[1];
      return text.trim() === '}' ? 'last' : 'take';
    }
    if (FRAME.test(text)) {
      // `console.error(err)` / uncaught errors print own properties after the last frame: `... {` … `}`.
      if (text.endsWith(' {')) {
        this.#inProps = true;
        this.#frames.push(text.slice(0, -2).trim());
      } else this.#frames.push(text.trim());
      return 'take';
    }
    return 'end';
  }

  finish(): readonly Diagnostic[] {
    // A lone `Error: x` line without frames is too weak a signal (plenty of programs print such text).
    if (this.#frames.length === 0) return [];
    const loc = firstUserFrame(this.#frames);
    return [
      {
        severity: 'error',
        kind: 'node',
        code: this.bracketCode ?? this.#propCode ?? this.name,
        message: this.message,
        file: loc?.file,
        line: loc?.line,
        column: loc?.column,
        stack: this.#frames,
      },
    ];
  }
}

/** Node/V8 errors with `at ...` frames: uncaught exceptions, unhandled rejections, logged errors. */
export const nodeParser: Parser = {
  name: 'node',
  start(text, ctx) {
    if (!text.includes('Error') && !text.includes('Exception') && !text.includes('Rejection'))
      return undefined;
    const m = HEADER.exec(text);
    if (!m) return undefined;
    return new NodeBlock(m[1] ?? 'Error', m[2], m[3] ?? '', codeFrameLength(ctx.before));
  },
};
