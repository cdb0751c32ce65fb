import { firstUserFrame, cleanPath, splitLocation } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/**
 * `node --test`, both reporters:
 * - spec: `✖ adds (8.3ms)` then the indented error (`AssertionError [ERR_ASSERTION]: …`), its frames and
 *   properties. Its closing `✖ failing tests:` list repeats every failure after `test at file:l:c`;
 *   those repeats are read and dropped (the failure was already reported).
 * - TAP (the default when stdout is not a terminal on Node 20): `not ok 1 - adds` then a YAML block
 *   with `location`, `error`, `code`, `name` and `stack`, ended by `...`.
 */
const SPEC_TITLE = /^\s*✖ (.+?) \([\d.]+m?s\)$/;
const SPEC_ERROR = /^\s+((?:[A-Z][\w$]*)?(?:Error|Exception))(?: \[(\w+)\])?: (.*)$/;
const REPEAT = /^test at \S+:\d+:\d+$/;
const FRAME = /^\s+at /;
const TAP_NOT_OK = /^(\s*)not ok \d+ - (.+?)(?: # .*)?$/;
const TAP_FAILURE = /^\s+failureType: '/;
const YAML = /^\s+(\w+): (.*)$/;

class SpecBlock implements Block {
  readonly #frames: string[] = [];
  readonly #more: string[] = [];
  #inProps = false;

  constructor(
    private readonly title: string,
    private readonly code: string,
    private readonly message: string,
    private readonly repeat: boolean,
    readonly leading: number,
  ) {}

  next(text: string): Step {
    if (this.#inProps) return text.trim() === '}' ? 'last' : 'take';
    if (FRAME.test(text)) {
      if (text.endsWith(' {')) this.#inProps = true;
      this.#frames.push(text.trim().replace(/ \{$/, ''));
      return 'take';
    }
    if (this.#frames.length > 0) return 'end';
    // Between the error line and the frames: the rest of a multi-line message (`2 !== 3`).
    if (text.trim() !== '' && this.#more.length < 5) this.#more.push(text.trim());
    return text === '' || text.startsWith(' ') ? 'take' : 'end';
  }

  finish(): readonly Diagnostic[] {
    if (this.repeat) return [];
    const loc = firstUserFrame(this.#frames);
    const message =
      this.message.endsWith(':') && this.#more.length > 0 ? `${this.message} ${this.#more[0]}` : this.message;
    return [
      {
        severity: 'error',
        kind: 'node-test',
        code: this.code,
        message: `${this.title}: ${message}`,
        ...loc,
        stack: this.#frames,
      },
    ];
  }
}

/** Unquotes a YAML scalar as the TAP reporter writes it (`'it''s'`). */
function scalar(value: string): string {
  const v = value.trim();
  return v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1).replace(/''/g, "'") : v;
}

class TapBlock implements Block {
  readonly #fields = new Map<string, string>();
  readonly #stack: string[] = [];
  #multi: string | undefined;
  #errorDone = false;

  constructor(
    private readonly title: string,
    private readonly indent: number,
    readonly leading: number,
  ) {}

  next(text: string): Step {
    if (text.trim() === '...') return 'last';
    const indent = text.length - text.trimStart().length;
    if (text.trim() !== '' && indent <= this.indent) return 'end';
    const field = YAML.exec(text);
    if (field && indent === this.indent + 2) {
      const [, key, value] = field;
      this.#multi = value === '|-' || value === '|' ? key : undefined;
      if (this.#multi === undefined) this.#fields.set(key!, scalar(value!));
      return 'take';
    }
    const line = text.trim();
    if (this.#multi === 'stack') {
      if (line !== '' && this.#stack.length < 50) this.#stack.push(line);
    } else if (this.#multi === 'error' && line !== '') {
      // A multi-line message: its first line, and the next one when the first ends with `:`.
      const sofar = this.#fields.get('error');
      if (sofar === undefined) this.#fields.set('error', line);
      else if (sofar.endsWith(':') && !this.#errorDone) this.#fields.set('error', `${sofar} ${line}`);
      if (sofar !== undefined) this.#errorDone = true;
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    const stackLoc = firstUserFrame(this.#stack.map((f) => `at ${f.includes('(') ? f : `(${f})`}`));
    const location = this.#fields.get('location');
    const loc = stackLoc ?? (location ? splitLocation(cleanPath(location)) : undefined);
    const name = this.#fields.get('name');
    const code = this.#fields.get('code');
    return [
      {
        severity: 'error',
        kind: 'node-test',
        code: code === 'ERR_TEST_FAILURE' ? (name ?? code) : (code ?? name),
        message: `${this.title}: ${this.#fields.get('error') ?? 'failed'}`,
        ...loc,
        stack: this.#stack,
      },
    ];
  }
}

export const nodeTestParser: Parser = {
  name: 'node-test',
  start(text, ctx) {
    // Both start lines are indented (the error under `✖ title`, TAP's `failureType` field).
    if (text.charCodeAt(0) !== 32) return undefined;
    if (text.includes('failureType') && TAP_FAILURE.test(text)) {
      // `not ok N - title`, `---`, then `duration_ms`, `location`… before `failureType`.
      for (let k = 1; k <= 4; k++) {
        const m = TAP_NOT_OK.exec(ctx.before(k) ?? '');
        if (!m) continue;
        const block = new TapBlock(m[2]!, m[1]!.length, k);
        // The fields printed before this line (`location`) belong to the block too.
        for (let j = k - 1; j >= 1; j--) block.next(ctx.before(j) ?? '');
        block.next(text);
        return block;
      }
      return undefined;
    }
    if (!ctx.prevText.includes('✖')) return undefined;
    const title = SPEC_TITLE.exec(ctx.prevText);
    if (!title) return undefined;
    const err = SPEC_ERROR.exec(text);
    if (!err) return undefined;
    const repeat = REPEAT.test(ctx.before(2) ?? '');
    // `AssertionError [ERR_ASSERTION]` carries a code; `TypeError [Error]` only the constructor's name.
    const code = err[2] !== undefined && /^[A-Z][A-Z0-9_]+$/.test(err[2]) ? err[2] : err[1]!;
    return new SpecBlock(title[1]!, code, err[3]!, repeat, 1);
  },
};
