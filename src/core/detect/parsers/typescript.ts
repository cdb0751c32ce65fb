import type { Block, Diagnostic, Parser, Severity, Step } from './types.js';

/** `file(l,c): error TSnnnn: msg` (tsc --pretty false). */
const PLAIN = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
/** `file:l:c - error TSnnnn: msg` (pretty; the code frame that follows is not part of the record). */
const PRETTY = /^(.+?):(\d+):(\d+) - (error|warning) (TS\d+): (.*)$/;
/** Global errors without a file, e.g. `error TS5083: Cannot read file 'tsconfig.json'.` */
const GLOBAL = /^(error|warning) (TS\d+): (.*)$/;

class TsBlock implements Block {
  readonly #notes: string[] = [];
  constructor(private readonly diag: Diagnostic) {}

  next(text: string): Step {
    // Message chains continue on lines indented by two spaces, right after the header.
    if (text.startsWith('  ') && text.trim() !== '') {
      this.#notes.push(text.trim());
      return 'take';
    }
    return 'end';
  }

  finish(): readonly Diagnostic[] {
    return [{ ...this.diag, stack: this.#notes }];
  }
}

function diag(sev: string, code: string, message: string, file?: string, line?: string, col?: string) {
  return new TsBlock({
    severity: sev as Severity,
    kind: 'typescript',
    code,
    message,
    file,
    line: line === undefined ? undefined : Number(line),
    column: col === undefined ? undefined : Number(col),
    stack: [],
  });
}

/** TypeScript compiler diagnostics, plain and pretty. Watch cycles are handled by the detector's markers. */
export const typescriptParser: Parser = {
  name: 'typescript',
  start(text) {
    if (text.indexOf(' TS') === -1) return undefined;
    let m = PLAIN.exec(text) ?? PRETTY.exec(text);
    if (m) return diag(m[4]!, m[5]!, m[6]!, m[1]!, m[2], m[3]);
    m = GLOBAL.exec(text);
    return m ? diag(m[1]!, m[2]!, m[3]!) : undefined;
  },
};
