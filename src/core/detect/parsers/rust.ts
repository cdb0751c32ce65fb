import { splitLocation } from './location.js';
import type { Block, Diagnostic, Parser, Step } from './types.js';

/** `error[E0308]: msg`, `error: msg`, `warning: msg`, then ` --> src/main.rs:3:18`. */
const HEADER = /^(error|warning)(?:\[(E\d+)\])?: (.*)$/;
const ARROW = /^\s*--> (.+)$/;
const LINT = /#\[(?:warn|deny)\(([\w:]+)\)\]/;
const NOTE = /^\s*= (.*)$/;
/** `thread 'main' (8246) panicked at src/main.rs:4:21:` (1.73+) or `… panicked at 'msg', src/main.rs:4:5`. */
const PANIC = /^thread '([^']*)'(?: \(\d+\))? panicked at (?:'(.*)', )?(.+?:\d+:\d+):?$/;

class DiagnosticBlock implements Block {
  readonly #notes: string[] = [];
  #loc: string | undefined;
  #lint: string | undefined;
  constructor(
    private readonly severity: 'error' | 'warning',
    private readonly code: string | undefined,
    private readonly message: string,
  ) {}

  next(text: string): Step {
    // rustc separates diagnostics with a blank line; everything inside is indented or a gutter line.
    if (text === '' || !(text.charCodeAt(0) === 32 || /^\d+\s*\|/.test(text) || text.startsWith('...'))) {
      return 'end';
    }
    const arrow = ARROW.exec(text);
    if (arrow) this.#loc ??= arrow[1];
    const note = NOTE.exec(text);
    if (note) {
      this.#notes.push(note[1]!);
      this.#lint ??= LINT.exec(note[1]!)?.[1];
    }
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    // Cargo's summaries (`error: could not compile`, `warning: 'x' generated 1 warning`) have no location.
    const loc = this.#loc === undefined ? undefined : splitLocation(this.#loc);
    if (!loc) return [];
    return [
      {
        severity: this.severity,
        kind: 'rust',
        code: this.code ?? this.#lint,
        message: this.message,
        ...loc,
        stack: this.#notes,
      },
    ];
  }
}

class PanicBlock implements Block {
  readonly #stack: string[] = [];
  #message: string | undefined;
  constructor(
    inlineMessage: string | undefined,
    private readonly location: string,
  ) {
    this.#message = inlineMessage;
  }

  next(text: string): Step {
    if (this.#message === undefined) {
      this.#message = text.trim();
      return 'take';
    }
    if (text.startsWith('note: ')) return 'last';
    if (text === 'stack backtrace:' || text.startsWith(' ')) {
      if (text.startsWith(' ')) this.#stack.push(text.trim());
      return 'take';
    }
    return 'end';
  }

  finish(): readonly Diagnostic[] {
    const loc = splitLocation(this.location);
    return [
      {
        severity: 'error',
        kind: 'rust',
        code: 'panic',
        message: this.#message ?? '',
        ...loc,
        stack: this.#stack,
      },
    ];
  }
}

/** rustc/cargo diagnostics (errors and warnings) and runtime panics. */
export const rustParser: Parser = {
  name: 'rust',
  start(text) {
    const c = text.charCodeAt(0);
    const m = c === 101 /* e */ || c === 119 /* w */ ? HEADER.exec(text) : null;
    if (m) return new DiagnosticBlock(m[1] === 'error' ? 'error' : 'warning', m[2], m[3]!);
    if (!text.startsWith('thread ')) return undefined;
    const p = PANIC.exec(text);
    return p ? new PanicBlock(p[2], p[3]!) : undefined;
  },
};
