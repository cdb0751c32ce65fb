import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeJsonError, lineColumnAt, locateJsonError } from './json-position.js';
import { findJsonErrorOffset } from './json-scan.js';

function parseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected invalid JSON');
}

describe('lineColumnAt', () => {
  it('counts 1-based lines and columns across \\n, \\r\\n and lone \\r', () => {
    expect(lineColumnAt('abc', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('a\rb', 2)).toEqual({ line: 2, column: 1 });
  });
});

describe('locateJsonError', () => {
  const trailingComma = '{\n  "name": "x",\n  "scripts": {\n    "dev": "vite",\n  }\n}\n';

  it('reads the Node 20 "at position N" message', () => {
    expect(
      locateJsonError(trailingComma, 'Expected double-quoted property name in JSON at position 53'),
    ).toEqual({
      offset: 53,
      line: 5,
      column: 3,
    });
  });

  it('prefers the newer "(line L column C)" suffix', () => {
    const message = 'Expected double-quoted property name in JSON at position 53 (line 5 column 3)';
    expect(locateJsonError(trailingComma, message)).toEqual({ offset: 53, line: 5, column: 3 });
    expect(locateJsonError(trailingComma, 'Bad thing (line 5 column 3)')).toEqual({
      offset: 53,
      line: 5,
      column: 3,
    });
  });

  it('matches what this Node reports for a real trailing comma', () => {
    expect(locateJsonError(trailingComma, parseMessage(trailingComma))).toMatchObject({ line: 5, column: 3 });
  });

  it('falls back to scanning when the message has no position', () => {
    const text = '{\n  "a": nope\n}';
    expect(locateJsonError(text, `Unexpected token 'o', "${text}" is not valid JSON`)).toEqual({
      offset: 10,
      line: 2,
      column: 9,
    });
    expect(locateJsonError('{"a": 1', 'Unexpected end of JSON input')).toEqual({
      offset: 7,
      line: 1,
      column: 8,
    });
  });

  it('strips position noise from the description', () => {
    expect(
      describeJsonError("Expected ',' or '}' after property value in JSON at position 13 (line 2 column 3)"),
    ).toBe("Expected ',' or '}' after property value");
    expect(describeJsonError(`Unexpected token 'o', ..."a": nope}" is not valid JSON`)).toBe(
      "Unexpected token 'o'",
    );
  });
});

describe('findJsonErrorOffset', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ', '"x"', '0']) {
      expect(findJsonErrorOffset(text)).toBeUndefined();
    }
  });

  it('points at the first character that cannot continue the document', () => {
    expect(findJsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(findJsonErrorOffset('{"a" 1}')).toBe(5);
    expect(findJsonErrorOffset('{"a": tru}')).toBe(9);
    expect(findJsonErrorOffset('[1] x')).toBe(4);
    expect(findJsonErrorOffset('')).toBe(0);
    expect(findJsonErrorOffset('"a\u0001"')).toBe(2);
  });

  it('agrees with V8 wherever V8 reports a position', () => {
    // Damage valid JSON by deleting or inserting one character, and compare both positions.
    const json = fc.jsonValue().map((value) => JSON.stringify(value, null, 1));
    const edit = fc.tuple(
      json,
      fc.nat(),
      fc.constantFrom(
        ...['', ',', '}', ']', '{', '[', '"', ':', 'x', 't', '1', '0', 'e', '.', '-', '\\', '\n', ' '],
      ),
    );
    fc.assert(
      fc.property(edit, ([text, at, insert]) => {
        const index = at % (text.length + 1);
        const damaged = text.slice(0, index) + insert + text.slice(index + (insert === '' ? 1 : 0));
        let message: string | undefined;
        try {
          JSON.parse(damaged);
        } catch (error) {
          message = (error as Error).message;
        }
        const offset = findJsonErrorOffset(damaged);
        if (message === undefined) expect(offset).toBeUndefined();
        else if (/at position (\d+)/.test(message))
          expect(offset).toBe(Number(/at position (\d+)/.exec(message)![1]));
        else expect(offset).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});
