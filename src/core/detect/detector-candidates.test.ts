/**
 * The candidate-jumping hot path (`ingest(lines, candidates)`) must find exactly what the line-by-line
 * path finds, on real captured output, however it is cut into batches.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFixture, toLines } from '../../../test/fixtures/output/lines.js';
import type { LogLine } from '../logs/types.js';
import { ErrorDetector } from './detector.js';
import { mayMatter, mayStartReport } from './prefilter.js';

const root = new URL('../../../test/fixtures/output/', import.meta.url);
const fixtures = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(new URL(`${d.name}/`, root))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => [d.name, f.replace(/\.txt$/, '')] as const),
  );

/**
 * `useCandidates`: the caller prefilters each batch, with `mayMatter` (true) or as the engine's
 * pipeline does ('pipeline': `mayStartReport` while no marker could resolve anything).
 */
function detect(lines: LogLine[], cuts: number[], useCandidates: boolean | 'pipeline') {
  const detector = new ErrorDetector();
  let start = 0;
  for (const end of [...cuts.filter((c) => c > 0 && c < lines.length).sort((a, b) => a - b), lines.length]) {
    const batch = lines.slice(start, end);
    start = end;
    if (batch.length === 0) continue;
    const reportsOnly = useCandidates === 'pipeline' && !detector.watchesMarkers('p1');
    const test = reportsOnly ? mayStartReport : mayMatter;
    const candidates = useCandidates ? Uint8Array.from(batch, (l) => (test(l.text) ? 1 : 0)) : undefined;
    detector.ingest(batch, candidates, reportsOnly);
  }
  detector.flush('p1');
  return detector.list({ includeResolved: true, includeWarnings: true }).map((r) => ({ ...r, id: '' }));
}

describe('ErrorDetector candidate path', () => {
  it('has fixtures to compare on', () => {
    expect(fixtures.length).toBeGreaterThan(20);
  });

  for (const [tool, name] of fixtures) {
    it(`agrees with the line-by-line path on ${tool}/${name}`, () => {
      const lines = toLines(readFixture(tool, name));
      fc.assert(
        fc.property(fc.array(fc.nat(lines.length), { maxLength: 6 }), (cuts) => {
          const plain = detect(lines, cuts, false);
          expect(detect(lines, cuts, true)).toEqual(plain);
          expect(detect(lines, cuts, 'pipeline')).toEqual(plain);
        }),
        { numRuns: 15 },
      );
    });
  }
});

describe('Node code frame', () => {
  it('an uncaught error record starts at the location line above it (location, source, caret)', () => {
    const lines = toLines(readFixture('node', 'uncaught'));
    for (const useCandidates of [true, false]) {
      // Cut right after the code frame, so the lookback has to reach into the previous batch.
      const [record] = detect(lines, [3], useCandidates);
      expect(record?.message).toBe("Cannot read properties of undefined (reading 'name')");
      expect(record?.seqStart).toBe(lines[0]!.seq);
      expect(lines[0]!.text).toBe('/home/dev/app/src/crash.js:1');
    }
  });

  it('does not claim unrelated lines above an error', () => {
    const lines = toLines('starting\nready\nTypeError: boom\n    at f (/app/a.js:1:2)\n');
    const [record] = detect(lines, [], true);
    expect(record?.seqStart).toBe(lines[2]!.seq);
  });
});
