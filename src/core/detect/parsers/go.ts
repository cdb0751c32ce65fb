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

/** `--- FAIL: TestAdd (0.00s)` then the test's indented `calc_test.go:7: message` lines. */
const TEST_FAIL = /^\s*--- FAIL: (\S+) \([\d.]+s\)$/;
const TEST_LOG = /^\s+(\S+\.go):(\d+): (.*)$/;

class TestFailBlock implements Block {
  readonly #notes: string[] = [];
  #where: { file: string; line: number; message: string } | undefined;
  #panicked = false;

  constructor(private readonly test: string) {}

  next(text: string): Step {
    if (!text.startsWith('    ')) {
      // The test panicked: the panic is the report (it names the line).
      this.#panicked = text.startsWith('panic: ');
      return 'end';
    }
    const m = TEST_LOG.exec(text);
    if (m && this.#where === undefined) this.#where = { file: m[1]!, line: Number(m[2]), message: m[3]! };
    else if (this.#notes.length < 20) this.#notes.push(text.trim());
    return 'take';
  }

  finish(): readonly Diagnostic[] {
    if (this.#panicked && this.#where === undefined) return [];
    const where = this.#where;
    return [
      {
        severity: 'error',
        kind: 'go',
        code: 'FAIL',
        message: `${this.test}: ${where?.message ?? 'failed'}`,
        file: where?.file,
        line: where?.line,
        stack: this.#notes,
      },
    ];
  }
}

/** Go compiler/vet errors, runtime panics and `go test` failures. */
export const goParser: Parser = {
  name: 'go',
  start(text) {
    const c = text.charCodeAt(0);
    const p = c === 112 /* p */ || c === 102 /* f */ ? PANIC.exec(text) : null;
    if (p) return new PanicBlock(p[1]!, p[2]!);
    if ((c === 45 /* - */ || c === 32) && text.includes('--- FAIL')) {
      const t = TEST_FAIL.exec(text);
      if (t) return new TestFailBlock(t[1]!);
    }
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
