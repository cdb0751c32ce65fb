/**
 * Issue 10 §7: every per-line stage over crafted 64 KiB lines gives the right result. The cost per
 * line is measured in bench/adversarial.mjs (tests assert results, never timing).
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ErrorDetector, MAX_PARSE_CHARS } from '../src/core/detect/detector.js';
import { MARKERS } from '../src/core/detect/markers.js';
import { PARSERS } from '../src/core/detect/parsers/index.js';
import { isBlock } from '../src/core/detect/parsers/types.js';
import { mayMatter } from '../src/core/detect/prefilter.js';
import { findUrls } from '../src/core/detect/urls.js';
import { stripAnsi } from '../src/core/logs/strip-ansi.js';
import { classifyLevel } from '../src/core/logs/level.js';
import type { LogLine } from '../src/core/logs/types.js';
import { fitAnsi } from '../src/tui/lib/fit-ansi.js';
import { ADVERSARIAL_LINES, LINE_CHARS } from './helpers/adversarial-lines.mjs';

const lines = Object.entries(ADVERSARIAL_LINES);

function logLine(text: string, seq = 1): LogLine {
  return { seq, processId: 'p-1', stream: 'stderr', ts: 0, raw: text, text, truncated: false, level: 'info' };
}

describe('adversarial 64 KiB lines', () => {
  it('are 64 KiB each', () => {
    for (const [name, line] of lines) expect(line.length, name).toBe(LINE_CHARS);
  });

  it('stripAnsi removes whole sequences and keeps all text', () => {
    for (const [name, line] of lines) {
      const stripped = stripAnsi(line);
      expect(stripped.includes('\x1b'), name).toBe(false);
      if (!line.includes('\x1b')) expect(stripped, name).toBe(line);
    }
    expect(stripAnsi(ADVERSARIAL_LINES['ansi 32k params']!)).toBe('');
    expect(stripAnsi(ADVERSARIAL_LINES['ansi unfinished']!)).toBe('');
    expect(stripAnsi(ADVERSARIAL_LINES['ansi esc dense']!)).toBe('');
    expect(stripAnsi(ADVERSARIAL_LINES['ansi osc unterminated']!)).toBe('');
    expect(stripAnsi(ADVERSARIAL_LINES['ansi sgr dense']!)).toBe('x'.repeat(Math.floor(LINE_CHARS / 5)));
  });

  it('stripAnsi agrees with node:util on ordinary coloured output', () => {
    for (const text of [
      '\x1b[1;31mred\x1b[0m plain',
      '\x1b[2K\x1b[1Gprogress 50%',
      'a\x1b]8;;http://x\x07link\x1b]8;;\x07b',
      '\x1b]0;title\x1b\\after',
      '  VITE v5  ready in \x1b[1m312\x1b[22m ms  ➜  Local: http://localhost:\x1b[1m5173\x1b[22m/',
      'x\x1b[38;5;196mcolor\x1b[38;2;1;2;3mrgb\x1b[?25l',
    ]) {
      expect(stripAnsi(text), text).toBe(stripVTControlCharacters(text));
    }
  });

  it('fitAnsi cuts every line to the width with only SGR kept', () => {
    for (const [name, line] of lines) {
      const fitted = fitAnsi(line, 120);
      expect(stripAnsi(fitted).length, name).toBeLessThanOrEqual(120);
      // eslint-disable-next-line no-control-regex -- SGR sequences are what may remain
      expect(fitted.replace(/\x1b\[[0-9;]*m/g, '').includes('\x1b'), name).toBe(false);
    }
  });

  it('the prefilter, level and URL stages give the expected answers', () => {
    expect(mayMatter(ADVERSARIAL_LINES.plain!)).toBe(false);
    expect(mayMatter(ADVERSARIAL_LINES['error words']!)).toBe(true);
    expect(classifyLevel(ADVERSARIAL_LINES.plain!)).toBe('info');
    expect(classifyLevel(ADVERSARIAL_LINES['error words']!)).toBe('error');
    // "no <64 KiB of spaces> errors" reads "no errors": the look-behind spans the whole run of spaces.
    expect(classifyLevel(ADVERSARIAL_LINES['no errors spaces']!)).toBe('info');
    expect(findUrls(ADVERSARIAL_LINES['http repeated']!)).toEqual([]);
    // `http://a.a.….localhost` is a (silly) *.localhost name; the tracker skips URLs over 2 KiB.
    expect(findUrls(ADVERSARIAL_LINES['localhost dots']!)).toEqual([ADVERSARIAL_LINES['localhost dots']]);
    expect(findUrls(ADVERSARIAL_LINES['url many']!)).toEqual(['http://localhost:1/']);
    const [long] = findUrls(ADVERSARIAL_LINES['url long path']!);
    expect(long?.startsWith('http://localhost:3000/a/a/')).toBe(true);
    for (const [name, line] of lines) {
      expect(() => classifyLevel(line), name).not.toThrow();
      expect(() => findUrls(stripAnsi(line)), name).not.toThrow();
      for (const rule of MARKERS)
        expect(typeof rule.test.test(line.slice(0, MAX_PARSE_CHARS))).toBe('boolean');
    }
  });

  it('every parser reads at most MAX_PARSE_CHARS of a line and still finds its report', () => {
    const detector = new ErrorDetector();
    let seq = 0;
    const batch = lines.map(([, line]) => logLine(stripAnsi(line), ++seq));
    detector.ingest(batch);
    detector.flush('p-1');
    const records = detector.list({ includeWarnings: true });
    const gcc = records.find((r) => r.kind === 'gcc');
    expect(gcc).toMatchObject({ file: 'src/a.c', line: 12, column: 5 });
    expect(gcc!.message.length).toBeLessThanOrEqual(MAX_PARSE_CHARS);
    expect(gcc!.message.startsWith('mmmm')).toBe(true);
    const tsc = records.find((r) => r.kind === 'typescript');
    expect(tsc).toMatchObject({ file: 'src/a.ts', line: 3, column: 7, code: 'TS2322' });

    // Each parser on its own, over every line (what the detector hands it: the head of the line).
    for (const parser of PARSERS) {
      for (const [name, line] of lines) {
        const text = stripAnsi(line).slice(0, MAX_PARSE_CHARS);
        const result = parser.start(text, { prevText: text, before: () => text });
        if (result && isBlock(result)) {
          expect(result.next(text), `${parser.name} ${name}`).toMatch(/^(take|last|end)$/);
          expect(Array.isArray(result.finish())).toBe(true);
        } else if (result) {
          expect(result.message.length, `${parser.name} ${name}`).toBeLessThanOrEqual(MAX_PARSE_CHARS);
        }
      }
    }
  });
});
