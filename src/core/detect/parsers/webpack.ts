import type { Block, Diagnostic, Parser, Step } from './types.js';

/** `ERROR in ./src/x.js 1:27` (position optional, may be a range `1:0-30`). */
const HEADER = /^(ERROR|WARNING) in (.+?)(?: (\d+):(\d+)(?:-\d+(?::\d+)?)?)?$/;
const MAX_STACK = 20;

class WebpackBlock implements Block {
  readonly #lines: string[] = [];
  constructor(
    private readonly severity: 'error' | 'warning',
    private readonly file: string,
    private readonly line: number | undefined,
    private readonly column: number | undefined,
  ) {}

  next(text: string): Step {
    if (text === '') return 'end';
    this.#lines.push(text);
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    const message = this.#lines[0]?.trim() ?? this.file;
    // Module-not-found reports carry a long resolver trace; keep its head.
    const stack = this.#lines.slice(1, 1 + MAX_STACK).map((l) => l.trim());
    const isPath = this.file.startsWith('.') || this.file.startsWith('/');
    return [
      {
        severity: this.severity,
        kind: 'webpack',
        message,
        file: isPath ? this.file : undefined,
        line: this.line,
        column: this.column,
        stack,
      },
    ];
  }
}

/** webpack 5 `ERROR in` / `WARNING in` blocks. */
export const webpackParser: Parser = {
  name: 'webpack',
  start(text) {
    if (!text.startsWith('ERROR in ') && !text.startsWith('WARNING in ')) return undefined;
    const m = HEADER.exec(text);
    if (!m) return undefined;
    return new WebpackBlock(
      m[1] === 'ERROR' ? 'error' : 'warning',
      m[2]!,
      m[3] === undefined ? undefined : Number(m[3]),
      m[4] === undefined ? undefined : Number(m[4]),
    );
  },
};
