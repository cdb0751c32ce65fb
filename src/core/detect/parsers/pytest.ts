import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * pytest's `FAILURES` / `ERRORS` section: one record per test section,
 *
 *   `___________ test_add ___________`
 *   `>       assert add(1, 1) == 3`
 *   `E       assert 2 == 3`
 *   `test_calc.py:5: AssertionError`
 *
 * The message is the first `E` line, the location the section's last `file.py:N: Name` line (where it
 * was raised; earlier frames end in `: in func`). The section banner starts the block (the section
 * titles do not pass the prefilter on their own); the block reads until the next `=====` banner.
 */
const BANNER = /^=+ (FAILURES|ERRORS) =+$/;
const OTHER_BANNER = /^=+ .* =+$/;
const SECTION = /^_{3,} (.+?) _{3,}$/;
const E_LINE = /^E\s+(.*)$/;
const RAISED = /^(\S+\.py):(\d+): (\w[\w.]*)$/;

interface Section {
  readonly title: string;
  message?: string;
  file?: string;
  line?: number;
  code?: string;
  readonly notes: string[];
}

class PytestBlock implements Block {
  /** Large failure sections: up to this many lines are read (the detector's default is 400). */
  readonly maxLines = 5000;
  readonly #sections: Section[] = [];

  next(text: string): Step {
    if (OTHER_BANNER.test(text)) return 'end';
    const section = SECTION.exec(text);
    if (section) {
      if (this.#sections.length < 200) this.#sections.push({ title: section[1]!, notes: [] });
      return 'take';
    }
    const current = this.#sections[this.#sections.length - 1];
    if (current === undefined) return 'take';
    const e = E_LINE.exec(text);
    if (e) {
      if (current.message === undefined) current.message = e[1]!.trim();
      else if (current.notes.length < 20) current.notes.push(e[1]!.trim());
      return 'take';
    }
    const raised = RAISED.exec(text);
    if (raised) {
      current.file = raised[1];
      current.line = Number(raised[2]);
      current.code = raised[3];
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    return this.#sections.map((s) => ({
      severity: 'error',
      kind: 'pytest',
      code: s.code,
      message: `${s.title}: ${s.message ?? s.code ?? 'failed'}`,
      file: s.file,
      line: s.line,
      stack: s.notes,
    }));
  }
}

export const pytestParser: Parser = {
  name: 'pytest',
  start(text) {
    if (text.charCodeAt(0) !== 61 /* = */) return undefined;
    return BANNER.test(text) ? new PytestBlock() : undefined;
  },
};
