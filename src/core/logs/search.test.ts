import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBrumError } from '../errors.js';
import { LogStore } from './log-store.js';
import { PatternWorker } from './pattern-worker.js';
import { searchLogs, searchLogsOffThread } from './search.js';

function sample(): LogStore {
  const store = new LogStore();
  store.append(
    'web',
    'stdout',
    ['VITE ready in 300 ms', '  ➜  Local: http://localhost:5173/'],
    undefined,
    1000,
  ); // 1, 2
  store.append(
    'api',
    'stderr',
    ['\x1b[31mError\x1b[39m: connect ECONNREFUSED', '    at TCP (net.js:1:1)'],
    undefined,
    2000,
  ); // 3, 4
  store.append('web', 'stderr', ['src/App.tsx:3:7 - error TS2322: bad type'], undefined, 3000); // 5
  store.append('api', 'stdout', ['retrying', 'error again', 'done'], undefined, 4000); // 6, 7, 8
  return store;
}

const seqs = (r: ReturnType<typeof searchLogs>): number[] => r.matches.map((m) => m.line.seq);

describe('searchLogs', () => {
  it('finds literals case-insensitively by default, and case-sensitively on request', () => {
    const store = sample();
    expect(seqs(searchLogs(store, { query: 'error' }))).toEqual([3, 5, 7]);
    expect(seqs(searchLogs(store, { query: 'Error', caseSensitive: true }))).toEqual([3]);
  });

  it('searches the stripped text, never the ANSI codes in raw', () => {
    const store = sample();
    expect(seqs(searchLogs(store, { query: '[31m' }))).toEqual([]);
    expect(seqs(searchLogs(store, { query: 'Error: connect' }))).toEqual([3]);
  });

  it('matches regexes, with and without case', () => {
    const store = sample();
    expect(seqs(searchLogs(store, { query: String.raw`TS\d{4}`, regex: true }))).toEqual([5]);
    expect(seqs(searchLogs(store, { query: 'ts\\d+', regex: true }))).toEqual([5]);
    expect(seqs(searchLogs(store, { query: 'ts\\d+', regex: true, caseSensitive: true }))).toEqual([]);
    expect(seqs(searchLogs(store, { query: '^e', regex: true }))).toEqual([3, 7]);
  });

  it('filters by process, streams, level, seq range and time range', () => {
    const store = sample();
    expect(seqs(searchLogs(store, { query: 'error', processId: 'api' }))).toEqual([3, 7]);
    expect(seqs(searchLogs(store, { query: 'error', streams: ['stderr'] }))).toEqual([3, 5]);
    expect(seqs(searchLogs(store, { query: '', level: 'error' }))).toEqual([3, 5, 7]);
    expect(seqs(searchLogs(store, { query: 'e', since: 3, until: 7 }))).toEqual([4, 5, 6, 7]);
    expect(seqs(searchLogs(store, { query: '', fromTime: 2000, toTime: 3000 }))).toEqual([3, 4, 5]);
    expect(seqs(searchLogs(store, { query: 'error', processId: 'nobody' }))).toEqual([]);
  });

  it('adds context lines from the same process, whatever their stream', () => {
    const store = sample();
    const [m] = searchLogs(store, { query: 'TS2322', context: 2 }).matches;
    expect(m!.before.map((l) => l.seq)).toEqual([1, 2]);
    expect(m!.after).toEqual([]);
    const [api] = searchLogs(store, { query: 'retrying', context: 1 }).matches;
    expect(api!.before.map((l) => l.seq)).toEqual([4]);
    expect(api!.after.map((l) => l.seq)).toEqual([7]);
  });

  it('honours limit with hasMore, and newestFirst', () => {
    const store = sample();
    const limited = searchLogs(store, { query: 'e', limit: 2 });
    expect(seqs(limited)).toEqual([1, 3]);
    expect(limited.hasMore).toBe(true);
    expect(searchLogs(store, { query: 'error', limit: 3 }).hasMore).toBe(false);
    const newest = searchLogs(store, { query: 'error', newestFirst: true, limit: 2 });
    expect(seqs(newest)).toEqual([7, 5]);
    expect(newest.hasMore).toBe(true);
  });

  it('sees levels raised by setLevel', () => {
    const store = sample();
    store.setLevel(4, 'error');
    expect(seqs(searchLogs(store, { query: '', level: 'error', processId: 'api' }))).toEqual([3, 4, 7]);
  });

  it('rejects an invalid regex with INVALID_PATTERN and the engine message', () => {
    const store = sample();
    expect(() => searchLogs(store, { query: '(unclosed', regex: true })).toThrow(/Unterminated group/);
    try {
      searchLogs(store, { query: '[z-a]', regex: true });
      expect.unreachable();
    } catch (error) {
      expect(isBrumError(error, 'INVALID_PATTERN')).toBe(true);
    }
  });

  it('rejects backreferences and lookaround with a clear explanation', () => {
    const store = sample();
    for (const query of [String.raw`(a)\1`, 'foo(?=bar)', '(?<!x)y']) {
      expect(() => searchLogs(store, { query, regex: true })).toThrow(
        /backreferences .* lookaround .* not supported/,
      );
    }
  });

  it('survives a hostile regex on a 50k-character line (case-sensitive and not)', () => {
    const store = new LogStore();
    store.append('x', 'stdout', ['a'.repeat(50_000) + '!', 'aaa']);
    for (const caseSensitive of [true, false]) {
      const started = performance.now();
      const result = searchLogs(store, { query: '(a+)+$', regex: true, caseSensitive });
      expect(seqs(result)).toEqual([2]);
      expect(performance.now() - started).toBeLessThan(5000);
    }
  });

  it('stops at its time budget and says so', () => {
    const store = new LogStore({ perProcessBytes: 1e9, totalBytes: 1e9 });
    const batch = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    for (let i = 0; i < 100; i++) store.append('x', 'stdout', batch);
    // The clock is read before every run of lines (a segment here), not after a count of lines.
    const result = searchLogs(store, { query: 'line 99', timeBudgetMs: -1 });
    expect(result.timedOut).toBe(true);
    expect(result.scannedLines).toBe(0);
    expect(seqs(result)).toEqual([]);
    const full = searchLogs(store, { query: 'line 99', timeBudgetMs: 60_000 });
    expect(full).toMatchObject({ timedOut: false, hasMore: true });
    expect(full.matches).toHaveLength(100);
  });
});

describe('searchLogs literal scan over joined text', () => {
  it('equals testing each line with the same pattern as a regex, scanned count included (property)', () => {
    const line = fc.oneof(
      fc.constantFrom('', 'ab', 'xAbx', 'a', 'b', 'ba', '\x1b[1mab\x1b[0m', 'error ab', 'ab\nab', 'aB aB'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pid: fc.constantFrom('p', 'q'),
            lines: fc.array(line, { minLength: 1, maxLength: 8 }),
          }),
          {
            maxLength: 12,
          },
        ),
        fc.record({
          query: fc.constantFrom('ab', 'b', 'AB', 'x'),
          caseSensitive: fc.boolean(),
          since: fc.nat(40),
          until: fc.option(fc.nat(60), { nil: undefined }),
          limit: fc.nat(6),
          level: fc.constantFrom(undefined, 'error' as const),
          newestFirst: fc.boolean(),
          processId: fc.constantFrom(undefined, 'p'),
        }),
        (batches, q) => {
          const store = new LogStore();
          for (const b of batches) store.append(b.pid, 'stdout', b.lines);
          const literal = searchLogs(store, q);
          expect(searchLogs(store, { ...q, regex: true })).toEqual(literal);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('searchLogsOffThread (what the engine runs)', () => {
  it('finds the same matches as the synchronous scan, literal and regex, both directions (property)', async () => {
    const worker = new PatternWorker();
    try {
      const line = fc.oneof(
        fc.constantFrom(
          '',
          'ab',
          'xAbx',
          'a',
          'b',
          'ba',
          '\x1b[1mab\x1b[0m',
          'error ab',
          'aB aB',
          'x'.repeat(300) + 'ab',
        ),
        fc.string({ maxLength: 6 }),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              pid: fc.constantFrom('p', 'q'),
              lines: fc.array(line, { minLength: 1, maxLength: 8 }),
            }),
            { maxLength: 12 },
          ),
          fc.record({
            query: fc.constantFrom(
              'ab',
              'b',
              'AB',
              'x',
              '.*b',
              'a+b?$',
              '^e',
              'error ab',
              'RROR a.',
              'xxxa',
              'er+or\\sab',
              'x(ab|b)',
            ),
            regex: fc.boolean(),
            caseSensitive: fc.boolean(),
            since: fc.nat(40),
            until: fc.option(fc.nat(60), { nil: undefined }),
            limit: fc.nat(6),
            context: fc.nat(2),
            level: fc.constantFrom(undefined, 'error' as const),
            newestFirst: fc.boolean(),
            processId: fc.constantFrom(undefined, 'p'),
          }),
          async (batches, q) => {
            const store = new LogStore();
            for (const b of batches) store.append(b.pid, 'stdout', b.lines);
            const query = { ...q, timeBudgetMs: 60_000 };
            const sync = searchLogs(store, query);
            const off = await searchLogsOffThread(store, query, worker);
            expect({ ...off, scannedLines: 0 }).toEqual({ ...sync, scannedLines: 0 });
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      await worker.close();
    }
  });
});
