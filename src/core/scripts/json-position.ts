import { findJsonErrorOffset } from './json-scan.js';

/** Where a JSON document goes wrong, 1-based line and column (columns count UTF-16 code units). */
export interface JsonErrorLocation {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column of `offset` in `text`; `\n`, `\r\n` and a lone `\r` each end a line. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Locates a `JSON.parse` failure from its message. Node 20 says `... in JSON at position 42`; newer
 * engines add ` (line 3 column 5)`, which is used as is. Messages without a position (`Unexpected
 * token 'x', "..." is not valid JSON`, `Unexpected end of JSON input`) fall back to scanning the text.
 */
export function locateJsonError(text: string, message: string): JsonErrorLocation | undefined {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  const position = /at position (\d+)/.exec(message);
  if (lineColumn) {
    const line = Number(lineColumn[1]);
    const column = Number(lineColumn[2]);
    return { offset: position ? Number(position[1]) : offsetOf(text, line, column), line, column };
  }
  const offset = position ? Number(position[1]) : findJsonErrorOffset(text);
  return offset === undefined ? undefined : { offset, ...lineColumnAt(text, offset) };
}

/** The engine's description without the position noise: `Expected ',' or '}' after property value`. */
export function describeJsonError(message: string): string {
  const cleaned = message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s+in JSON at position \d+/, '')
    .replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '');
  return cleaned.trim() || message;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) break;
    offset = next + 1;
  }
  return offset + column - 1;
}
