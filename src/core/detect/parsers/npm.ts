import { LOOKBACK } from './types.js';
import type { Block, Diagnostic, Parser, StartContext, Step } from './types.js';

/** npm 6–9 print `npm ERR! …`, npm 10+ `npm error …`; one block per failure. */
const PREFIX = /^npm (?:ERR!|error)(?: (.*))?$/;
const CODE = /^code (\S+)$/;
const PREFERRED = /Lifecycle script|Failed at the|Missing script|command failed|ERR_/;
/** The block says a script failed (rather than e.g. that a script is missing). */
const SCRIPT_FAILED = /Lifecycle script|Failed at the|command failed/;
/** Lines before npm's epilogue that are not the program's last words. */
const NOT_PROGRAM = /^\s*$|^npm |^> |^Node\.js v\d/;
/** The program's output ended with a report another parser reads (a stack, an object): keep npm's line. */
const REPORT_TAIL = /^\s+at |^\s*[}\]]\s*$/;
const NOISE =
  /^(?:code |errno |path |location |workspace |command |A complete log|\s*$)|-debug(?:-\d+)?\.log$/;

class NpmBlock implements Block {
  readonly #lines: string[] = [];
  /** The last line the program printed before npm's epilogue, if it is a plain message. */
  readonly #programLine: string | undefined;
  constructor(first: string, programLine: string | undefined) {
    this.#lines.push(first);
    this.#programLine = programLine;
  }

  next(text: string): Step {
    const m = PREFIX.exec(text);
    if (!m) return 'end';
    this.#lines.push((m[1] ?? '').trim());
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    const lines = this.#lines.filter((l) => l !== '');
    let code: string | undefined;
    for (const l of lines) code ??= CODE.exec(l)?.[1];
    const npmMessage = lines.find((l) => PREFERRED.test(l)) ?? lines.find((l) => !NOISE.test(l));
    // A block that only says where the debug log went is not a failure report of its own.
    if (npmMessage === undefined) return [];
    // npm's epilogue is context: when the script failed after printing a plain message (`boom: db
    // unavailable`), that message is the error, and npm's lines follow it as notes.
    if (this.#programLine !== undefined && lines.some((l) => SCRIPT_FAILED.test(l)))
      return [{ severity: 'error', kind: 'npm', code, message: this.#programLine, stack: lines }];
    return [{ severity: 'error', kind: 'npm', code, message: npmMessage, stack: lines }];
  }
}

/** npm's own report that a script failed (`Lifecycle script "build" failed`, `code 1`, `Missing script`). */
export const npmParser: Parser = {
  name: 'npm',
  start(text, ctx) {
    if (!text.startsWith('npm ')) return undefined;
    const m = PREFIX.exec(text);
    return m ? new NpmBlock((m[1] ?? '').trim(), programLine(ctx)) : undefined;
  },
};

/** The program's last line before npm's epilogue, unless its output ended with another tool's report. */
function programLine(ctx: StartContext): string | undefined {
  for (let k = 1; k <= LOOKBACK; k++) {
    const text = ctx.before(k);
    if (text === undefined) return undefined;
    if (NOT_PROGRAM.test(text)) continue;
    return REPORT_TAIL.test(text) ? undefined : text.trim();
  }
  return undefined;
}
