import { describe, expect, it } from 'vitest';
import { LogStore } from '../core/logs/log-store.js';
import { LineFormatter } from './line-format.js';

/** Stores `raws` as one batch, as the engine does, and returns its lines and joined text. */
function batch(raws: string[]) {
  const store = new LogStore();
  const raw = raws.join('\n');
  const lines = store.append('p-1', 'stdout', raws, undefined, Date.UTC(2026, 0, 1, 12), { joined: raw });
  return { lines, joined: { raw, text: store.lastStrippedText ?? raw } };
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
});
