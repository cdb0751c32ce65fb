import { splitLocation } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * Biome (`biome check`, `biome lint`, `biome format`): a header naming the file (and position) and the
 * category, ruled off with `━`, then the indented diagnostic whose first line carries the severity:
 *
 *   `src/dbg.ts:2:3 lint/suspicious/noDebugger  FIXABLE  ━━━━━━━━`
 *   `  × This is an unexpected use of the debugger statement.`   (`!` warning, `i` information)
 */
const HEADER = /^(\S+) ([a-z][\w/-]*)(?:\s+[A-Z]+)*\s+━+$/;
const MESSAGE = /^\s+([×!i✖⚠ℹ]) (.+)$/;

class BiomeBlock implements Block {
  readonly #notes: string[] = [];
  #severity: Diagnostic['severity'] | undefined;
  #message: string | undefined;

  constructor(
    private readonly where: { file: string; line?: number; column?: number },
    private readonly category: string,
  ) {}

  next(text: string): Step {
    // Everything of the report is indented; the next header or the summary starts at column 0.
    if (text !== '' && text.charCodeAt(0) !== 32) return 'end';
    const m = MESSAGE.exec(text);
    if (m) {
      if (this.#message === undefined) {
        this.#severity = m[1] === '×' || m[1] === '✖' ? 'error' : 'warning';
        this.#message = m[2]!.trim();
      } else if (this.#notes.length < 10) this.#notes.push(m[2]!.trim());
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    if (this.#message === undefined || this.#severity === undefined) return [];
    return [
      {
        severity: this.#severity,
        kind: 'biome',
        code: this.category,
        message: this.#message,
        ...this.where,
        stack: this.#notes,
      },
    ];
  }
}

export const biomeParser: Parser = {
  name: 'biome',
  start(text) {
    if (!text.endsWith('━')) return undefined;
    const m = HEADER.exec(text);
    if (!m) return undefined;
    const where = splitLocation(m[1]!) ?? { file: m[1]! };
    // `check ━━━` (the run's own summary) names no file.
    if (where.line === undefined && !/[./\\]/.test(where.file)) return undefined;
    return new BiomeBlock(where, m[2]!);
  },
};
