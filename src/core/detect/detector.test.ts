import { describe, expect, it } from 'vitest';
import { batches, fixtureLines, toLines } from '../../../test/fixtures/output/lines.js';
import { ErrorDetector } from './detector.js';

const STACK = `TypeError: Cannot read properties of undefined (reading 'x')
    at handler (/app/src/server.js:10:5)
    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)`;

describe('ErrorDetector', () => {
  it('deduplicates identical errors: one record, count and seq range updated', () => {
    const d = new ErrorDetector();
    d.ingest(toLines(`${STACK}\nok\n`, { firstSeq: 1, firstTs: 100 }));
    const update = d.ingest(toLines(`${STACK}\nok\n`, { firstSeq: 10, firstTs: 500 }));
    const [record] = d.list();
    expect(d.list()).toHaveLength(1);
    expect(record).toMatchObject({
      count: 2,
      firstSeen: 100,
      lastSeen: 500,
      seqStart: 10,
      seqEnd: 12,
      file: '/app/src/server.js',
      line: 10,
    });
    expect(update.changed).toEqual([record]);
    expect(update.levels.map((l) => l.seq)).toEqual([10, 11, 12]);
    expect(d.get(record!.id)).toBe(record);
  });

  it('ignores timestamps, durations and hex addresses in the fingerprint', () => {
    const d = new ErrorDetector();
    d.ingest(
      toLines('[12:03:44] Error: timeout after 250ms at 0x7ffd1234\n    at run (/app/a.js:1:1)\nok', {
        firstSeq: 1,
      }),
    );
    d.ingest(
      toLines('[12:09:01] Error: timeout after 31ms at 0x7aa0\n    at run (/app/a.js:1:1)\nok', {
        firstSeq: 5,
      }),
    );
    expect(d.list()).toHaveLength(1);
    expect(d.list()[0]!.count).toBe(2);
  });

  it('keeps one open block per process across batches and processes', () => {
    const d = new ErrorDetector();
    const a = toLines(STACK, { processId: 'a', firstSeq: 1 });
    const b = toLines('Traceback (most recent call last):\n  File "x.py", line 3, in <module>', {
      processId: 'b',
      firstSeq: 10,
    });
    d.ingest([a[0]!]);
    d.ingest(b);
    d.ingest(a.slice(1));
    d.ingest(toLines('ValueError: bad', { processId: 'b', firstSeq: 20 }));
    expect(d.list({ processId: 'b' })).toMatchObject([
      { kind: 'python', code: 'ValueError', file: 'x.py', line: 3 },
    ]);
    // Process a's stack is still open (it may grow); tick closes it once idle.
    expect(d.list({ processId: 'a' })).toHaveLength(0);
    const lastTs = a[a.length - 1]!.ts;
    expect(d.tick(lastTs + 50).changed).toHaveLength(0);
    const closed = d.tick(lastTs + 250);
    expect(closed.changed).toMatchObject([{ processId: 'a', kind: 'node', code: 'TypeError', line: 10 }]);
  });

  it('closes an open block at exit; records stay current', () => {
    const d = new ErrorDetector();
    d.ingest(toLines(STACK));
    expect(d.processExited('p1', 1, 5).changed).toHaveLength(1);
    expect(d.list()[0]!.resolved).toBe(false);
  });

  it('resolves the previous run at restart; a re-reported error reopens with count+1', () => {
    const d = new ErrorDetector();
    d.ingest(toLines(`${STACK}\nok`));
    const restart = d.processRestarted('p1', 9_999);
    expect(restart.changed).toMatchObject([{ resolved: true, resolvedAt: 9_999 }]);
    expect(d.list()).toHaveLength(0);
    expect(d.list({ includeResolved: true })).toHaveLength(1);
    d.ingest(toLines(`${STACK}\nok`, { firstSeq: 50, firstTs: 20_000 }));
    expect(d.list()).toMatchObject([{ resolved: false, count: 2, resolvedAt: undefined }]);
  });

  it('tsc --watch: a new pass resolves errors it no longer reports and keeps the ones it repeats', () => {
    const d = new ErrorDetector();
    const lines = fixtureLines('typescript', 'tsc5-watch-plain');
    const untilSecondPass = lines.findIndex((l) => l.text.includes('Found 2 errors')) + 1;
    d.ingest(lines.slice(0, untilSecondPass));
    expect(
      d
        .list()
        .map((r) => r.code)
        .sort(),
    ).toEqual(['TS2322', 'TS2339']);
    expect(d.list({ includeResolved: true }).find((r) => r.code === 'TS2353')?.resolved).toBe(true);
    const zero = lines.findIndex((l) => l.text.includes('Found 0 errors')) + 1;
    const update = d.ingest(lines.slice(untilSecondPass, zero));
    expect(update.changed.every((r) => r.resolved)).toBe(true);
    expect(d.list()).toHaveLength(0);
    d.ingest(lines.slice(zero));
    expect(d.list()).toMatchObject([
      { code: 'TS2322', message: "Type 'string' is not assignable to type 'number'." },
    ]);
  });

  it('vite: a page reload / HMR update resolves vite errors', () => {
    const d = new ErrorDetector();
    const lines = fixtureLines('vite', 'v5-dev-errors');
    const reload = lines.findIndex((l, i) => i > 10 && l.text.includes('page reload'));
    d.ingest(lines.slice(0, reload));
    d.tick(lines[reload - 1]!.ts + 1000);
    expect(d.list()).toMatchObject([{ kind: 'vite', resolved: false }]);
    d.ingest(lines.slice(reload));
    expect(d.list()).toHaveLength(0);
  });

  it('marks the lines of errors and warnings with their level', () => {
    const d = new ErrorDetector();
    const update = d.ingest(fixtureLines('eslint', 'unix'));
    expect(update.levels).toEqual([
      { seq: 1, level: 'error' },
      { seq: 2, level: 'error' },
      { seq: 3, level: 'warning' },
      { seq: 4, level: 'error' },
      { seq: 5, level: 'warning' },
      { seq: 6, level: 'error' },
    ]);
  });

  it('lists current errors newest first, warnings only on request, resolved last, with a limit', () => {
    const d = new ErrorDetector();
    d.ingest(fixtureLines('rust', 'cargo-run-panic', { processId: 'rs' }));
    d.flush('rs');
    d.ingest(toLines(`${STACK}\nok`, { processId: 'web', firstSeq: 100, firstTs: 5_000_000 }));
    d.processRestarted('rs', 6_000_000);
    d.ingest(
      toLines(`${STACK.replace("'x'", "'y'")}\nok`, { processId: 'web', firstSeq: 200, firstTs: 7_000_000 }),
    );
    expect(d.list().map((r) => r.message)).toEqual([
      "Cannot read properties of undefined (reading 'y')",
      "Cannot read properties of undefined (reading 'x')",
    ]);
    expect(d.list({ limit: 1 })).toHaveLength(1);
    expect(d.list({ processId: 'rs', includeResolved: true }).map((r) => r.code)).toEqual(['panic']);
    expect(d.list({ processId: 'rs', includeResolved: true, includeWarnings: true })).toHaveLength(2);
  });

  it('ignores brum system lines and plain output', () => {
    const d = new ErrorDetector();
    const lines = toLines('Error: x\n    at a (/b.js:1:1)', { stream: 'system' });
    expect(d.ingest(lines)).toEqual({ changed: [], levels: [] });
    const plain = toLines('GET /api/users 200 12ms\nerrors: 0\nWarning count 0\nError: no stack here\nok');
    expect(d.ingest(plain).changed).toHaveLength(0);
    expect(d.flush('p1').changed).toHaveLength(0);
  });

  it('a runaway block is cut at maxBlockLines', () => {
    const d = new ErrorDetector({ maxBlockLines: 5 });
    const frames = Array.from({ length: 20 }, (_, i) => `    at f${i} (/app/x.js:${i + 1}:1)`).join('\n');
    const update = d.ingest(toLines(`Error: deep\n${frames}`));
    expect(update.changed).toMatchObject([{ seqStart: 1, seqEnd: 5 }]);
  });

  it('bounds the number of records', () => {
    const d = new ErrorDetector({ maxRecords: 10 });
    for (const batch of batches(
      toLines(Array.from({ length: 30 }, (_, i) => `a.go:${i + 1}:1: bad ${i}`).join('\n')),
      7,
    )) {
      d.ingest(batch);
    }
    expect(d.list()).toHaveLength(10);
    expect(d.list()[0]!.line).toBe(30);
  });
});

describe('a run cut short supersedes nothing (issue 11, doubtful bit of item 1)', () => {
  const TSC = "src/App.tsx(10,9): error TS2322: Type 'string' is not assignable to type 'number'.";
  const TSC2 = "src/main.tsx(4,1): error TS2304: Cannot find name 'rendr'.";
  function twoRuns(): ErrorDetector {
    const d = new ErrorDetector({ earlierRuns: (id) => (id === 'run-2' ? ['run-1'] : []) });
    d.ingest(toLines(`${TSC}\n${TSC2}`, { processId: 'run-1' }));
    d.processExited('run-1', 2, 10);
    d.ingest(toLines(TSC, { processId: 'run-2', firstSeq: 10 }));
    return d;
  }

  it('a rerun killed by a signal (or stopped) after a partial report leaves the earlier run current', () => {
    const d = twoRuns();
    d.processExited('run-2', null, 20, true);
    expect(
      d
        .list({ processId: 'run-1' })
        .map((r) => r.code)
        .sort(),
    ).toEqual(['TS2304', 'TS2322']);
    const npmAfterSignal = twoRuns();
    // npm exits 1 after its child died of SIGTERM: still a run cut short.
    npmAfterSignal.processExited('run-2', 1, 20, true);
    expect(npmAfterSignal.list({ processId: 'run-1' })).toHaveLength(2);
  });

  it('the same rerun ending on its own supersedes the earlier run', () => {
    const d = twoRuns();
    d.processExited('run-2', 2, 20);
    expect(d.list({ processId: 'run-1' })).toEqual([]);
    expect(d.list().map((r) => r.processId)).toEqual(['run-2']);
  });
});
