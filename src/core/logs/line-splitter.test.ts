import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, truncationMarker, utf8Boundary } from './line-splitter.js';
import type { BatchExtras } from './line-splitter.js';

type Out = [string, boolean][];

/** Feeds `chunks` through a fresh splitter and returns every line with its truncated flag. */
function run(chunks: Buffer[], maxLineBytes?: number): Out {
  const splitter = new LineSplitter(maxLineBytes === undefined ? {} : { maxLineBytes });
  const out: Out = [];
  const onLine = (line: string, truncated: boolean): void => void out.push([line, truncated]);
  for (const chunk of chunks) splitter.push(chunk, onLine);
  splitter.end(onLine);
  return out;
}

const lines = (out: Out): string[] => out.map(([l]) => l);
const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Splits a buffer at the given cut positions. */
function cut(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, buf.length)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out;
}

/** The rules applied to the whole input at once: the oracle for any chunking. */
function reference(buf: Buffer, max: number): Out {
  const out: Out = [];
  const pieces: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 10) {
      pieces.push(buf.subarray(start, i));
      start = i + 1;
    }
  }
  const last = buf.subarray(start);
  const emit = (piece: Buffer, terminated: boolean): void => {
    let end = piece.length;
    while (end > 0 && piece[end - 1] === 13) end--;
    const body = piece.subarray(0, end);
    const seg = body.subarray(body.lastIndexOf(13) + 1);
    if (!terminated && seg.length === 0) return;
    if (seg.length <= max) return void out.push([seg.toString('utf8'), false]);
    const kept = seg.subarray(0, utf8Boundary(seg.subarray(0, max)));
    out.push([kept.toString('utf8') + truncationMarker(seg.length - kept.length), true]);
  };
  for (const p of pieces) emit(p, true);
  emit(last, false);
  return out;
}

describe('LineSplitter', () => {
  it('splits on \\n and \\r\\n, keeps empty lines, returns the unterminated tail on end()', () => {
    expect(lines(run([bytes('a\nb\r\n\nc')]))).toEqual(['a', 'b', '', 'c']);
    expect(lines(run([bytes('a\n')]))).toEqual(['a']);
    expect(lines(run([bytes('\n\n')]))).toEqual(['', '']);
    expect(lines(run([]))).toEqual([]);
  });

  it('never corrupts a multi-byte character split at any byte position', () => {
    const text = 'héllo €😀\nzweite Zeile ü\n';
    const buf = bytes(text);
    for (let i = 0; i <= buf.length; i++) {
      for (let j = i; j <= buf.length; j++) {
        expect(lines(run(cut(buf, [i, j])))).toEqual(['héllo €😀', 'zweite Zeile ü']);
      }
    }
  });

  it('treats \\r\\n split across chunks as one line ending', () => {
    expect(lines(run([bytes('one\r'), bytes('\ntwo\r'), bytes('\n')]))).toEqual(['one', 'two']);
    expect(lines(run([bytes('one\r'), bytes('\r'), bytes('\n')]))).toEqual(['one']);
  });

  it('keeps only the last segment of bare \\r progress updates', () => {
    expect(lines(run([bytes('10%\r50%\r100%\ndone\n')]))).toEqual(['100%', 'done']);
    expect(lines(run([bytes('10%\r'), bytes('50%\r'), bytes('100%\n')]))).toEqual(['100%']);
    expect(lines(run([bytes('\r10%'), bytes('\r100%')]))).toEqual(['100%']);
    // A `\r` that ends a chunk is undecided until the next byte: here content follows, so it was a reset.
    expect(lines(run([bytes('old\r'), bytes('new\n')]))).toEqual(['new']);
    expect(lines(run([bytes('only\r')]))).toEqual(['only']);
  });

  it('truncates an over-long line at a UTF-8 boundary and counts the dropped bytes', () => {
    const out = run([bytes('€'.repeat(10) + '\nok\n')], 16); // 30 bytes; 16 -> 15 kept (5 chars)
    expect(out).toEqual([
      ['€'.repeat(5) + truncationMarker(15), true],
      ['ok', false],
    ]);
  });

  it('bounds memory for a long line fed one byte at a time', () => {
    const line = 'x'.repeat(5000);
    const chunks = [...bytes(line + '\nnext\n')].map((b) => Buffer.from([b]));
    expect(run(chunks, 100)).toEqual([
      ['x'.repeat(100) + truncationMarker(4900), true],
      ['next', false],
    ]);
  });

  it('handles a 1 MB line in one chunk, and a line exactly at the limit is not truncated', () => {
    const big = Buffer.alloc(1024 * 1024, 0x61);
    const out = run([big, bytes('\n' + 'y'.repeat(64 * 1024) + '\n')]);
    expect(out[0]).toEqual(['a'.repeat(64 * 1024) + truncationMarker(1024 * 1024 - 64 * 1024), true]);
    expect(out[1]).toEqual(['y'.repeat(64 * 1024), false]);
  });

  it('a progress reset after an over-long segment starts a fresh, untruncated line', () => {
    expect(run([bytes('z'.repeat(50)), bytes('\rshort\n')], 10)).toEqual([['short', false]]);
  });

  it('is reusable after end()', () => {
    const splitter = new LineSplitter();
    const out: string[] = [];
    splitter.push(bytes('a'), (l) => out.push(l));
    splitter.end((l) => out.push(l));
    splitter.push(bytes('b\n'), (l) => out.push(l));
    expect(out).toEqual(['a', 'b']);
  });

  it('for any text and any chunking, equals splitting the whole text at once', () => {
    const alphabet = fc.constantFrom('a', 'é', '€', '😀', '\n', '\r', '\r\n', ' ', 'xyz');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.integer({ min: 4, max: 12 }),
        (parts, cuts, max) => {
          const buf = bytes(parts.join(''));
          expect(run(cut(buf, cuts), max)).toEqual(reference(buf, max));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('pushBatch gives the same lines as push, and `joined` is exactly those lines joined', () => {
    const alphabet = fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', 'xyz');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }),
        fc.array(fc.nat(400), { maxLength: 8 }),
        fc.integer({ min: 4, max: 12 }),
        (parts, cuts, max) => {
          const buf = bytes(parts.join(''));
          const splitter = new LineSplitter({ maxLineBytes: max });
          const out: Out = [];
          for (const chunk of cut(buf, cuts)) {
            const batch: string[] = [];
            const extras: BatchExtras = {};
            splitter.pushBatch(chunk, batch, extras);
            if (extras.joined !== undefined) expect(extras.joined).toBe(batch.join('\n'));
            batch.forEach((l, i) => out.push([l, extras.truncated?.[i] ?? false]));
          }
          splitter.end((l, t) => void out.push([l, t]));
          expect(out).toEqual(reference(buf, max));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('chunking is irrelevant for arbitrary bytes too (invalid UTF-8 included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.nat(200), { maxLength: 6 }), (arr, cuts) => {
        const buf = Buffer.from(arr);
        expect(run(cut(buf, cuts), 8)).toEqual(reference(buf, 8));
      }),
      { numRuns: 1000 },
    );
  });
});
