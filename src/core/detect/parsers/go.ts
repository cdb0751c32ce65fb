import type { Block, Diagnostic, Parser, Step } from './types.js';

/** Compile/vet errors: `./main.go:7:17: cannot use …` (optionally prefixed by `vet: `). */
const COMPILE = /^(?:vet: )?(\S+?\.go):(\d+):(\d+): (.*)$/;
const PANIC = /^(panic|fatal error): (.*)$/;
const GOROUTINE = /^goroutine \d+ \[/;
const FUNC = /^[\w./*()[\]{}-]+\(.*\)$/;
const FILE_FRAME = /^\t(\S+\.go):(\d+)/;
/** Frames inside the Go runtime or standard library. */
const RUNTIME = /\/(?:go|golang)[^/]*\/src\/|\/usr\/lib\/go|\/runtime\//;

class PanicBlock implements Block {
  readonly #frames: string[] = [];
  constructor(
    private readonly code: string,
    private readonly message: string,
  ) {}

  next(text: string): Step {
    if (text === '' || text.startsWith('\t') || GOROUTINE.test(text) || FUNC.test(text)) {
      if (text !== '') this.#frames.push(text.trim());
      return 'take';
    }
    if (text.startsWith('[signal') || text.startsWith('created by ')) return 'take';
    return 'end';
  }

  finish(): readonly Diagnostic[] {
    let file: string | undefined;
    let line: number | undefined;
    for (const f of this.#frames) {
      const m = FILE_FRAME.exec('\t' + f);
      if (m && !RUNTIME.test(m[1]!)) {
        file = m[1];
        line = Number(m[2]);
        break;
      }
    }
    return [
      {
        severity: 'error',
        kind: 'go',
        code: this.code,
        message: this.message,
        file,
        line,
        stack: this.#frames,
      },
    ];
  }
}

/** Go compiler/vet errors and runtime panics. */
export const goParser: Parser = {
  name: 'go',
  start(text) {
    const c = text.charCodeAt(0);
    const p = c === 112 /* p */ || c === 102 /* f */ ? PANIC.exec(text) : null;
    if (p) return new PanicBlock(p[1]!, p[2]!);
    if (text.indexOf('.go:') === -1) return undefined;
    const m = COMPILE.exec(text);
    if (!m) return undefined;
    return {
      severity: 'error',
      kind: 'go',
      message: m[4]!,
      file: m[1]!,
      line: Number(m[2]),
      column: Number(m[3]),
      stack: [],
    } satisfies Diagnostic;
  },
};
