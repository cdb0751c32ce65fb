import { firstUserFrame } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * Playwright test's failure details (list, line and dot reporters print the same):
 *
 *   `  1) [chromium] › tests/home.spec.ts:6:1 › shows welcome ─────────`
 *   ``
 *   `    Error: expect(locator).toHaveText(expected) failed`   … call log, code frame …
 *   `        at /app/tests/home.spec.ts:8:43`
 *
 * The block starts at the error line (it passes the prefilter) and claims the title above it.
 */
const TITLE = /^\s*\d+\) (?:\[([^\]]+)\] › )?(\S+?):(\d+):(\d+) › (.+?)(?: ─+)?$/;
const ERROR = /^\s{4}(\w*Error|Test timeout of \d+ms exceeded\.?)(?::\s*(.*))?$/;
const FRAME = /^\s+at /;

class PlaywrightBlock implements Block {
  readonly #frames: string[] = [];
  readonly #notes: string[] = [];

  constructor(
    private readonly title: string,
    private readonly where: { file: string; line: number; column: number },
    private readonly code: string,
    private readonly message: string,
    readonly leading: number,
  ) {}

  next(text: string): Step {
    // The details are indented by 4; the next failure's title and the summary by 2.
    if (text !== '' && !text.startsWith('    ')) return 'end';
    const trimmed = text.trim();
    if (FRAME.test(text)) this.#frames.push(trimmed);
    else if (/^(?:Expected|Received|Locator|Timeout):/.test(trimmed) && this.#notes.length < 10)
      this.#notes.push(trimmed);
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    const loc = firstUserFrame(this.#frames) ?? this.where;
    return [
      {
        severity: 'error',
        kind: 'playwright',
        code: this.code,
        message: `${this.title}: ${this.message}`,
        ...loc,
        stack: [...this.#notes, ...this.#frames],
      },
    ];
  }
}

export const playwrightParser: Parser = {
  name: 'playwright',
  start(text, ctx) {
    if (!text.startsWith('    ')) return undefined;
    const err = ERROR.exec(text);
    if (!err) return undefined;
    const blank = ctx.prevText === '' ? 1 : 0;
    const title = TITLE.exec(ctx.before(1 + blank) ?? '');
    if (!title) return undefined;
    const project = title[1] === undefined ? '' : `[${title[1]}] `;
    return new PlaywrightBlock(
      `${project}${title[5]!.trim()}`,
      { file: title[2]!, line: Number(title[3]), column: Number(title[4]) },
      err[1]!.startsWith('Test timeout') ? 'Timeout' : err[1]!,
      err[2] ?? err[1]!,
      1 + blank,
    );
  },
};
