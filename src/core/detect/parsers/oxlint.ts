import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * oxlint's default (graphical) report, plain (`x`/`!`, `,-[`) or on a colour terminal (`×`/`⚠`, `╭─[`):
 *
 *   `  x eslint(no-debugger): \`debugger\` statement is not allowed`
 *   `   ,-[src/dbg.ts:2:3]`   … code frame …   `   \`----`   `  help: Remove the debugger statement`
 *
 * The block starts at the frame's first line (a cheap, distinctive prefilter fragment) and claims the
 * header line just above it.
 */
const FRAME_START = /^\s*(?:,-|╭─)\[(.+?):(\d+):(\d+)\]$/;
/** Severity mark, then `plugin(rule): ` when the diagnostic comes from a rule, then the message. */
const HEADER = /^\s*([x!×⚠]) (?:([\w-]+\([\w/-]+\)): )?(.+)$/;
const HELP = /^\s*help: (.*)$/;

class OxlintBlock implements Block {
  readonly leading = 1;
  readonly #notes: string[] = [];

  constructor(private readonly diagnostic: Diagnostic) {}

  next(text: string): Step {
    if (text.trim() === '') return 'end';
    const help = HELP.exec(text);
    if (help) {
      this.#notes.push(`help: ${help[1]}`);
      return 'last';
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    return [{ ...this.diagnostic, stack: this.#notes }];
  }
}

export const oxlintParser: Parser = {
  name: 'oxlint',
  start(text, ctx) {
    if (!text.endsWith(']') || (!text.includes(',-[') && !text.includes('─['))) return undefined;
    const frame = FRAME_START.exec(text);
    if (!frame) return undefined;
    const header = HEADER.exec(ctx.prevText);
    if (!header) return undefined;
    const mark = header[1]!;
    return new OxlintBlock({
      severity: mark === 'x' || mark === '×' ? 'error' : 'warning',
      kind: 'oxlint',
      code: header[2],
      message: header[3]!.trim(),
      file: frame[1]!,
      line: Number(frame[2]),
      column: Number(frame[3]),
      stack: [],
    });
  },
};
