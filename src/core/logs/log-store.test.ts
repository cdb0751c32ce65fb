import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogStore } from './log-store.js';
import { searchLogs } from './search.js';
import { LINE_OVERHEAD_BYTES, SEGMENT_OVERHEAD_BYTES } from './process-log.js';

/** A line of `n` characters whose cost is exactly `n + overhead` (plus `SEG` once per appended batch). */
const line = (n: number, ch = 'x'): string => ch.repeat(n);
const cost = (n: number): number => n + LINE_OVERHEAD_BYTES;
const SEG = SEGMENT_OVERHEAD_BYTES;

describe('LogStore.append', () => {
  it('assigns strictly increasing seq across processes and returns the stored lines', () => {
    const store = new LogStore();
    const a = store.append('a', 'stdout', ['a1', 'a2']);
    const b = store.append('b', 'stderr', ['b1']);
    const c = store.appendSystem('a', '[brum] restarted');
    expect([...a, ...b, c].map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(c).toMatchObject({ processId: 'a', stream: 'system', text: '[brum] restarted' });
    expect(store.latestSeq).toBe(4);
    expect(store.tail(undefined, 10)).toEqual([...a, ...b, c]);
  });

  it('strips ANSI into text, reusing the same string when there is nothing to strip', () => {
    const store = new LogStore();
    const plain = 'plain line';
    const [p, colored] = store.append('a', 'stdout', [plain, '\x1b[31mred\x1b[39m']);
    expect(p!.text).toBe(plain);
    expect(p!.text === p!.raw).toBe(true);
    expect(colored).toMatchObject({ raw: '\x1b[31mred\x1b[39m', text: 'red' });
    const s = store.stats();
    // A batch with ANSI keeps a stripped copy of every line, so its plain line is charged twice.
    expect(s.bytes).toBe(cost(plain.length) + plain.length + cost(13) + 3 + SEG);
  });

  it('records truncation flags, timestamps and a first level guess', () => {
    const store = new LogStore();
    const lines = store.append(
      'a',
      'stderr',
      ['compiling…', 'error TS2322: nope', 'warning: old'],
      [false, true],
      42,
    );
    expect(lines.map((l) => [l.truncated, l.ts, l.level])).toEqual([
      [false, 42, 'info'],
      [true, 42, 'error'],
      [false, 42, 'warning'],
    ]);
  });
});

describe('LogStore joined storage', () => {
  it('cuts lines back out of the joined text exactly, even lines that contain a newline', () => {
    const store = new LogStore();
    const raws = ['', 'two\nlines', '\x1b[1mbold\x1b[0m', 'é ü 😀', ''];
    const appended = store.append('a', 'stdout', raws);
    store.appendSystem('a', 'spawn failed:\nENOENT');
    expect(store.tail('a', 10)).toEqual([...appended, store.tail('a', 1)[0]]);
    expect(store.tail('a', 10).map((l) => l.raw)).toEqual([...raws, 'spawn failed:\nENOENT']);
    expect(store.tail('a', 10).map((l) => l.text)[2]).toBe('bold');
  });

  it('stores the joined hint as given and reads lines from it', () => {
    const store = new LogStore();
    const region = 'first line\nsecond line\nthird';
    store.append('a', 'stdout', region.split('\n'), undefined, 1, { joined: region });
    expect(store.logs('a')[0]!.segs[0]!.raw.toString()).toBe(region);
    expect(store.read({}).lines.map((l) => l.raw)).toEqual(['first line', 'second line', 'third']);
  });

  it('stores a chunk’s bytes after a carried first line as they are, non-ASCII and ANSI included', () => {
    const store = new LogStore();
    const chunk = Buffer.from('ignored tail of a line\nsecond é 😀\n\x1b[31mthird\x1b[0m\nnext', 'utf8');
    const start = chunk.indexOf(10) + 1;
    const end = chunk.lastIndexOf(10);
    const raws = ['carried ü', ...chunk.toString('utf8', start, end).split('\n')];
    store.append('a', 'stdout', raws, undefined, 1, {
      joined: raws.join('\n'),
      bytes: { buf: chunk, start, end, firstLine: 1 },
    });
    expect(store.read({}).lines.map((l) => [l.raw, l.text])).toEqual([
      ['carried ü', 'carried ü'],
      ['second é 😀', 'second é 😀'],
      ['\x1b[31mthird\x1b[0m', 'third'],
    ]);
    expect(searchLogs(store, { query: 'É 😀' }).matches.map((m) => m.line.raw)).toEqual(['second é 😀']);
    expect(searchLogs(store, { query: 'é 😀', caseSensitive: true }).matches).toHaveLength(1);
  });
  it('stores a batch exactly alike with or without the hints a pipe chunk gives (carried line, ANSI, non-ASCII)', () => {
    const piece = fc.constantFrom(
      'plain',
      '\x1b[31mred\x1b[0m',
      'é',
      '😀',
      ' ',
      '\x1b]8;;http://x\x07ln\x1b]8;;\x07',
      '',
    );
    const textLine = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(textLine, { minLength: 1, maxLength: 6 }), fc.boolean(), (raws, carried) => {
        if (carried && raws.length < 2) return;
        // As the splitter gives them: the chunk holds the lines after the carried one, joined by `\n`.
        const rest = carried ? raws.slice(1) : raws;
        const chunk = Buffer.from(`tail of an earlier line\n${rest.join('\n')}\nnext`, 'utf8');
        const start = chunk.indexOf(10) + 1;
        const end = chunk.lastIndexOf(10);
        const text = chunk.toString('utf8', start, end);
        const hinted = new LogStore();
        hinted.append('a', 'stdout', raws, undefined, 1, {
          joined: carried ? `${raws[0]}\n${text}` : text,
          bytes: { buf: chunk, start, end, firstLine: carried ? 1 : 0, text },
        });
        const plain = new LogStore();
        plain.append('a', 'stdout', raws, undefined, 1);
        const show = (store: LogStore) => store.read({}).lines.map((l) => [l.raw, l.text]);
        expect(show(hinted)).toEqual(show(plain));
        expect(hinted.stats().bytes).toBe(plain.stats().bytes);
        const stripped = hinted.lastStrippedText;
        if (stripped !== undefined)
          expect(stripped).toBe(
            show(plain)
              .map(([, t]) => t)
              .join('\n'),
          );
      }),
      { numRuns: 1000 },
    );
  });
});

describe('LogStore eviction', () => {
  it('drops a process’s oldest lines beyond perProcessBytes and records evictedUpTo', () => {
    const store = new LogStore({ perProcessBytes: cost(10) * 3 + SEG * 2, totalBytes: 1e9 });
    store.append('a', 'stdout', [line(10), line(10), line(10)]);
    store.append('b', 'stdout', [line(10)]);
    store.append('a', 'stdout', [line(10, 'y')]);
    const a = store.stats().processes.find((p) => p.processId === 'a')!;
    expect(a).toMatchObject({
      lines: 3,
      bytes: cost(10) * 3 + SEG * 2,
      evictedLines: 1,
      evictedUpTo: 1,
      oldestSeq: 2,
    });
    expect(store.stats().bytes).toBe(cost(10) * 4 + SEG * 3);
  });

  it('drops the globally oldest lines beyond totalBytes, whichever process they belong to', () => {
    const store = new LogStore({ perProcessBytes: 1e9, totalBytes: cost(10) * 3 + SEG * 2 });
    store.append('a', 'stdout', [line(10)]); // 1
    store.append('b', 'stdout', [line(10)]); // 2
    store.append('a', 'stdout', [line(10)]); // 3
    store.append('b', 'stdout', [line(10), line(10)]); // 4, 5 -> evicts 1, 2
    expect(store.tail(undefined, 10).map((l) => l.seq)).toEqual([3, 4, 5]);
    expect(store.stats().bytes).toBe(cost(10) * 3 + SEG * 2);
  });

  it('stays within a 10 MiB cap under a million appended lines, evicting cheaply', () => {
    const cap = 10 * 1024 * 1024;
    const store = new LogStore({ perProcessBytes: cap, totalBytes: cap });
    const batch = Array.from({ length: 100 }, (_, i) => `line ${i} `.padEnd(80, '.'));
    for (let i = 0; i < 10_000; i++) store.append(`p${i % 3}`, 'stdout', batch);
    const s = store.stats();
    expect(s.latestSeq).toBe(1_000_000);
    expect(s.bytes).toBeLessThanOrEqual(cap);
    expect(s.bytes).toBeGreaterThan(cap - cost(80) * 100 - SEG);
    expect(s.processes.reduce((n, p) => n + p.bytes, 0)).toBe(s.bytes);
    // Whole batches of 100, except at most one partly evicted batch per process.
    const batches = Math.ceil(s.lines / 100);
    expect(s.bytes - s.lines * cost(80)).toBeGreaterThanOrEqual(batches * SEG);
    expect(s.bytes - s.lines * cost(80)).toBeLessThanOrEqual((batches + 2) * SEG);
  });

  it('never exceeds either cap, whatever is appended (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pid: fc.constantFrom('a', 'b', 'c'),
            sizes: fc.array(fc.nat(120), { minLength: 1, maxLength: 5 }),
            ansi: fc.boolean(),
          }),
          { maxLength: 80 },
        ),
        fc.integer({ min: 200, max: 2000 }),
        fc.integer({ min: 200, max: 4000 }),
        (ops, perProcessBytes, totalBytes) => {
          const store = new LogStore({ perProcessBytes, totalBytes });
          let lastSeq = 0;
          for (const op of ops) {
            const raws = op.sizes.map((n) => (op.ansi ? `\x1b[1m${line(n)}\x1b[0m` : line(n)));
            store.append(op.pid, 'stdout', raws);
            const s = store.stats();
            expect(s.bytes).toBeLessThanOrEqual(totalBytes);
            for (const p of s.processes) expect(p.bytes).toBeLessThanOrEqual(perProcessBytes);
            const kept = store.tail(undefined, 1e6).map((l) => l.seq);
            expect(kept).toEqual([...kept].sort((x, y) => x - y));
            expect(kept.length).toBe(s.lines);
            // Oldest first out: what is kept of each process is a suffix of what it received.
            for (const p of s.processes) if (p.lines > 0) expect(p.evictedUpTo).toBeLessThan(p.oldestSeq);
            expect(s.latestSeq).toBeGreaterThan(lastSeq);
            lastSeq = s.latestSeq;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('clear() empties one process and readers see the cleared range as a gap', () => {
    const store = new LogStore();
    store.append('a', 'stdout', ['1', '2']);
    store.append('b', 'stdout', ['3']);
    store.clear('a');
    expect(store.tail('a', 10)).toEqual([]);
    expect(store.read({ processId: 'a' })).toMatchObject({ lines: [], gap: true, oldestSeq: 0 });
    expect(store.read({ processId: 'b' }).gap).toBe(false);
    expect(store.stats().bytes).toBe(cost(1) + SEG);
  });
});

describe('LogStore.setLevel', () => {
  it('replaces the stored line with a copy at the new level', () => {
    const store = new LogStore();
    const [l1, l2] = store.append('a', 'stdout', ['  at foo (src/x.ts:1:2)', 'next']);
    store.append('b', 'stdout', ['other']);
    expect(store.setLevel(l1!.seq, 'error')).toBe(true);
    expect(l1!.level).toBe('info'); // the object a reader held does not change
    expect(store.tail('a', 2).map((l) => l.level)).toEqual(['error', 'info']);
    expect(store.setLevel(l2!.seq, 'warning', 'a')).toBe(true);
    expect(store.setLevel(l2!.seq, 'warning', 'b')).toBe(false);
    expect(store.setLevel(999, 'error')).toBe(false);
  });

  it('finds lines of interleaved processes whose seq ranges overlap', () => {
    const store = new LogStore();
    store.append('a', 'stdout', ['a1']); // 1
    store.append('b', 'stdout', ['b1']); // 2
    store.append('a', 'stdout', ['a2']); // 3
    expect(store.setLevel(2, 'error')).toBe(true);
    expect(store.tail('b', 1)[0]!.level).toBe('error');
  });
});
