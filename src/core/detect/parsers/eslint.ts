import type { Block, Diagnostic, Parser, Step } from './types.js';

/** Stylish problem line: `  3:9  error  Expected '===' and instead saw '=='  eqeqeq` (rule optional). */
const STYLISH = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}([@\w/-]+))?$/;
/** Stylish file header: a path on its own line, no leading space. */
const HEADER = /^[^\s].*[/\\][^\s]*$|^[\w.-]+\.\w+$/;
/** `-f unix`: `file:l:c: msg [Error/rule]`. */
const UNIX = /^(.+?):(\d+):(\d+): (.*) \[(Error|Warning)(?:\/([^\]]+))?\]$/;

function problem(
  file: string,
  m: RegExpExecArray,
  sevIdx: number,
  msgIdx: number,
  ruleIdx: number,
): Diagnostic {
  return {
    severity: m[sevIdx]!.toLowerCase() === 'error' ? 'error' : 'warning',
    kind: 'eslint',
    code: m[ruleIdx],
    message: m[msgIdx]!,
    file,
    line: Number(m[2]),
    column: Number(m[3]),
    stack: [],
  };
}

/** One stylish file section: the header line (already seen) and its problem lines. */
class StylishBlock implements Block {
  readonly #problems: Diagnostic[] = [];
  constructor(
    private readonly file: string,
    first: RegExpExecArray,
  ) {
    this.#add(first);
  }

  #add(m: RegExpExecArray): void {
    this.#problems.push({ ...problem(this.file, m, 3, 4, 5), line: Number(m[1]), column: Number(m[2]) });
  }

  next(text: string): Step {
    const m = STYLISH.exec(text);
    if (!m) return 'end';
    this.#add(m);
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    return this.#problems;
  }
}

/** ESLint's default `stylish` formatter and `-f unix`. */
export const eslintParser: Parser = {
  name: 'eslint',
  start(text, ctx) {
    if (text.endsWith(']')) {
      const u = UNIX.exec(text);
      if (u) return problem(u[1]!, u, 5, 4, 6);
    }
    if (text.charCodeAt(0) !== 32) return undefined;
    const m = STYLISH.exec(text);
    // Without its file header a stylish-looking line is too likely to be something else.
    if (!m || !HEADER.test(ctx.prevText)) return undefined;
    return new StylishBlock(ctx.prevText.trim(), m);
  },
};
