import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, eventually, shutdownEngines } from '../../../test/helpers/engine.js';
import { BRUM_LOG_ID } from './faults.js';

afterEach(shutdownEngines);

describe('a listener that throws (a front-end bug)', () => {
  it('never stops the others, and reaches brum’s log and error list once, with a count of repeats', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const seen: string[] = [];
    engine.on('logs', () => {
      throw new TypeError('cannot read the frame');
    });
    engine.on('logs', ({ lines }) => seen.push(...lines.map((l) => l.text)));
    const { process } = engine.start('quick');
    await eventually(() => engine.get(process.id)?.isFinished, 15_000, 'quick to finish');
    expect(seen).toContain('done');
    const brumLines = engine.readLogs({ processId: BRUM_LOG_ID }).lines.map((l) => l.text);
    // Thrown on every batch (and on the report's own line), written once: repeats are counted.
    expect(brumLines).toEqual(['brum: a listener of "logs" events failed: TypeError: cannot read the frame']);
    const [record] = engine.errors({ processId: BRUM_LOG_ID });
    expect(record).toMatchObject({ kind: 'brum', message: expect.stringMatching(/listener of "logs"/) });
    expect(record!.stack.length).toBeGreaterThan(0);
  });
});

describe('reportFault (front-ends)', () => {
  it('writes to the log and error list of the process it names', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const { process } = engine.start('quick');
    await eventually(() => engine.get(process.id)?.isFinished, 15_000, 'quick to finish');
    engine.reportFault('a change notification', new Error('socket closed'), 'quick');
    expect(engine.tailLogs(process.id, 1)[0]?.text).toBe('brum: a change notification failed: socket closed');
    expect(engine.errors({ processId: process.id })[0]?.message).toBe(
      'a change notification failed: socket closed',
    );
    expect(engine.get(process.id)?.errorCount).toBe(1);
  });
});
