/**
 * A tiny JSON syntax checker whose only job is to say *where* a document first goes wrong.
 *
 * Some `JSON.parse` messages carry no position (`Unexpected token 'o', "nope" is not valid JSON`,
 * `Unexpected end of JSON input`), so this fills the gap. It follows RFC 8259 like V8 does and points at
 * the first character that cannot continue a valid document (the text length for a premature end).
 */

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Offset of the first syntax error in `text`, or undefined when `text` is valid JSON (or too deeply nested to check). */
export function findJsonErrorOffset(text: string): number | undefined {
  let i = 0;

  const skipWhitespace = (): void => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  const expect = (char: string): void => {
    if (text[i] !== char) throw new SyntaxAt(i);
    i++;
  };
  const literal = (word: string): void => {
    for (const char of word) expect(char);
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      if (i >= text.length) throw new SyntaxAt(i);
      const char = text[i]!;
      if (char === '"') return void i++;
      if (char.charCodeAt(0) < 0x20) throw new SyntaxAt(i);
      if (char === '\\') {
        i++;
        const escape = text[i];
        if (escape === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) throw new SyntaxAt(i + k);
          i += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) throw new SyntaxAt(i);
      }
      i++;
    }
  };
  const digits = (): void => {
    if (!isDigit(text[i])) throw new SyntaxAt(i);
    while (isDigit(text[i])) i++;
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const sequence = (close: string, item: () => void): void => {
    i++;
    skipWhitespace();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        skipWhitespace();
        continue;
      }
      return expect(close);
    }
  };
  const value = (): void => {
    skipWhitespace();
    const char = text[i];
    if (char === '{') {
      sequence('}', () => {
        string();
        skipWhitespace();
        expect(':');
        value();
      });
    } else if (char === '[') sequence(']', value);
    else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else if (char === '-' || isDigit(char)) number();
    else throw new SyntaxAt(i);
  };

  try {
    value();
    skipWhitespace();
    return i < text.length ? i : undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    // A stack overflow from absurd nesting: give up on a position rather than fail the report.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}
