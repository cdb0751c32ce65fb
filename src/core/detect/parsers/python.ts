import type { Block, Diagnostic, Parser, Step } from './types.js';

const START = 'Traceback (most recent call last):';
const FRAME = /^\s+File "(.+)", line (\d+)/;
const EXCEPTION = /^([A-Za-z_][\w.]*)(?:: (.*))?$/;

class TracebackBlock implements Block {
  readonly #stack: string[] = [];
  #file: string | undefined;
  #line: number | undefined;
  #exception: string | undefined;

  next(text: string): Step {
    if (text.startsWith(' ')) {
      const m = FRAME.exec(text);
      if (m) {
        // The last frame is where it was raised.
        this.#file = m[1];
        this.#line = Number(m[2]);
        this.#stack.push(text.trim());
      }
      return 'take';
    }
    if (text === '') return 'take';
    this.#exception = text;
    return 'last';
  }

  finish(): readonly Diagnostic[] {
    if (this.#exception === undefined) return [];
    const m = EXCEPTION.exec(this.#exception);
    const code = m ? m[1] : undefined;
    const message = m ? (m[2] ?? m[1]!) : this.#exception;
    return [
      {
        severity: 'error',
        kind: 'python',
        code,
        message,
        file: this.#file,
        line: this.#line,
        stack: this.#stack,
      },
    ];
  }
}

/** Python tracebacks: location from the last `File "x.py", line N`, then `ValueError: msg`. */
export const pythonParser: Parser = {
  name: 'python',
  start(text) {
    return text === START || text.endsWith(START) ? new TracebackBlock() : undefined;
  },
};
