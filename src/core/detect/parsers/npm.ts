import type { Block, Diagnostic, Parser, Step } from './types.js';

/** npm 6–9 print `npm ERR! …`, npm 10+ `npm error …`; one block per failure. */
const PREFIX = /^npm (?:ERR!|error)(?: (.*))?$/;
const CODE = /^code (\S+)$/;
const PREFERRED = /Lifecycle script|Failed at the|Missing script|command failed|ERR_/;
const NOISE =
  /^(?:code |errno |path |location |workspace |command |A complete log|\s*$)|-debug(?:-\d+)?\.log$/;

class NpmBlock implements Block {
  readonly #lines: string[] = [];
  constructor(first: string) {
    this.#lines.push(first);
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
    const message = lines.find((l) => PREFERRED.test(l)) ?? lines.find((l) => !NOISE.test(l));
    // A block that only says where the debug log went is not a failure report of its own.
    if (message === undefined) return [];
    return [{ severity: 'error', kind: 'npm', code, message, stack: lines }];
  }
}

/** npm's own report that a script failed (`Lifecycle script "build" failed`, `code 1`, `Missing script`). */
export const npmParser: Parser = {
  name: 'npm',
  start(text) {
    if (!text.startsWith('npm ')) return undefined;
    const m = PREFIX.exec(text);
    return m ? new NpmBlock((m[1] ?? '').trim()) : undefined;
  },
};
