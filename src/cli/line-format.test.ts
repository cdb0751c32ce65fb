import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogStore } from '../core/logs/log-store.js';
import { BoundedWriter } from './bounded-writer.js';
import { LineFormatter } from './line-format.js';

/** Stores `raws` as one batch, as the engine does, and returns its lines and joined text. */
function batch(raws: string[]) {
  const store = new LogStore();
  const raw = raws.join('\n');
  const lines = store.append('p-1', 'stdout', raws, undefined, Date.UTC(2026, 0, 1, 12), { joined: raw });
  return { lines, joined: { raw, text: store.lastStrippedText ?? raw, ascii: store.lastAscii } };
}

describe('LineFormatter', () => {
  const cases: Record<string, string[]> = {
    plain: ['GET /a 200', '', 'POST /b 500 — ünïcode'],
    coloured: ['\x1b[31mred\x1b[0m', 'plain', '\x1b]8;;http://x.dev\x07link\x1b]8;;\x07'],
    single: ['one line'],
  };
  for (const [name, raws] of Object.entries(cases)) {
    for (const color of [false, true]) {
      it(`formats a ${name} batch from its joined text exactly as from its lines (colour ${color})`, () => {
        const { lines, joined } = batch(raws);
        expect(joined).toBeDefined();
        const viaLines = new LineFormatter(color).format('p-1', 'web', lines);
        const viaJoined = new LineFormatter(color).format('p-1', 'web', lines, joined);
        expect(viaJoined).toBe(viaLines);
        expect(viaJoined.split('\n')).toHaveLength(raws.length + 1);
      });
    }
  }

  it('marks a batch ASCII (latin1-safe) only when its text and its label are, and the bytes written are exact UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brum-format-'));
    try {
      const fd = openSync(join(dir, 'out'), 'w');
      const writer = new BoundedWriter(fd);
      const expected: string[] = [];
      const seen: boolean[] = [];
      for (const name of ['web', 'dév']) {
        for (const raws of [
          ['GET /a 200', 'GET /b 304'],
          ['GET /ü 200', 'plain'],
          ['\x1b[31mred\x1b[0m é'],
        ]) {
          for (const color of [false, true]) {
            const { lines, joined } = batch(raws);
            const formatter = new LineFormatter(color);
            const { parts, ascii } = formatter.formatParts('p-1', name, lines, joined);
            seen.push(ascii);
            expect(ascii).toBe(name === 'web' && raws[0] === 'GET /a 200');
            expect(writer.write(parts, ascii)).toBe(true);
            expected.push(new LineFormatter(color).format('p-1', name, lines));
          }
        }
      }
      await writer.drain();
      closeSync(fd);
      expect(seen.filter(Boolean)).toHaveLength(2);
      expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(expected.join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
