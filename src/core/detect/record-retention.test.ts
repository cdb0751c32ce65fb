import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { RecordStore } from './record-store.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A decoded "pipe chunk" of ~1 MB whose lines report one distinct error. */
function chunk(k: number): string {
  const filler = `GET /api/items/${k} 200 in 3ms user=${k} trace=${k * 7919}\n`.repeat(16_000);
  return `${filler}TypeError: Cannot read properties of undefined (reading 'field${k}')\n    at handler (/app/src/routes/item${k}.ts:10:3)\n${filler}`;
}

describe('RecordStore memory', () => {
  it('keeps no decoded chunk alive through the strings a record was cut from', () => {
    const store = new RecordStore();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let k = 0; k < 40; k++) {
      const text = chunk(k);
      const at = text.indexOf('TypeError');
      const line = text.slice(at, text.indexOf('\n', at));
      const frame = text.slice(text.indexOf('    at', at), text.indexOf('\n', text.indexOf('    at', at)));
      store.record(
        'p-1',
        {
          severity: 'error',
          kind: 'node',
          code: line.slice(0, 9),
          message: line.slice(11),
          file: frame.slice(frame.indexOf('(') + 1, frame.indexOf(':')),
          stack: [frame],
        },
        k,
        k,
        k,
      );
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 40 chunks of ~1 MB each: keeping them would grow the heap by ~40 MB; the records alone are tiny.
    expect(grown).toBeLessThan(4 * 1024 * 1024);
    expect(store.list({ processId: 'p-1' })).toHaveLength(40);
  });
});
