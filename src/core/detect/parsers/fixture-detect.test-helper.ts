/**
 * Shared by the fixture tests: runs the detector over a captured fixture fed in small batches (so
 * multi-line reports span `ingest` calls, as pipe chunks do) and returns every record.
 */
import { describe, expect, it } from 'vitest';
import { batches, fixtureLines } from '../../../../test/fixtures/output/lines.js';
import { ErrorDetector } from '../detector.js';
import type { ErrorRecord } from '../types.js';

/** The fields a fixture test states about a record. */
export type Expected = Partial<
  Pick<
    ErrorRecord,
    'severity' | 'kind' | 'code' | 'message' | 'file' | 'line' | 'column' | 'count' | 'resolved'
  >
>;

/** All records of a fixture, oldest occurrence first. */
export function detectFixture(tool: string, name: string, batchSize = 3): ErrorRecord[] {
  const detector = new ErrorDetector();
  for (const batch of batches(fixtureLines(tool, name), batchSize)) detector.ingest(batch);
  detector.flush('p1');
  return detector
    .list({ includeResolved: true, includeWarnings: true })
    .sort((a, b) => a.seqStart - b.seqStart);
}

/** A captured fixture and the records expected from it, oldest first. */
export type FixtureCase = [tool: string, name: string, expected: Expected[]];

/** The two checks every fixture gets: the expected records, and the same records whatever the batch size. */
export function describeFixtures(title: string, cases: FixtureCase[]): void {
  describe(title, () => {
    it.each(cases)('%s/%s', (tool, name, expected) => {
      const records = detectFixture(tool, name);
      expect(records).toHaveLength(expected.length);
      records.forEach((r, i) => expect(r).toMatchObject(expected[i]!));
    });

    it.each(cases)('%s/%s gives the same records whatever the batch size', (tool, name) => {
      const shape = (rs: ErrorRecord[]) => rs.map(({ id: _id, ...rest }) => rest);
      expect(shape(detectFixture(tool, name, 1))).toEqual(shape(detectFixture(tool, name, 1000)));
    });
  });
}
