import { afterEach, describe, expect, it } from 'vitest';
import { formatSummary } from './final-summary.js';
import { createTestEngine, eventually, shutdownEngines } from '../../test/helpers/engine.js';

afterEach(shutdownEngines);

describe('a newer run of a script supersedes the earlier ones (issue 11, item 1)', () => {
  it('resolves a failed run’s errors once a rerun exits cleanly', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const first = engine.start('tsc-like', { args: ['fail'] }).process;
    await engine.waitFor(first.id, 'exit', 15_000);
    const reported = engine.errors();
    expect(reported.map((e) => e.code).sort()).toEqual(['TS2304', 'TS2322']);
    expect(reported.every((e) => e.processId === first.id)).toBe(true);

    const second = engine.start('tsc-like').process;
    expect(second.id).not.toBe(first.id);
    const done = await engine.waitFor(second.id, 'exit', 15_000);
    expect(done.process.exitCode).toBe(0);
    expect(engine.errors()).toEqual([]);
    expect(engine.errors({ processId: first.id })).toEqual([]);
    const resolved = engine.errors({ processId: first.id, includeResolved: true });
    expect(resolved.map((e) => e.resolved)).toEqual([true, true]);
    expect(engine.get(first.id)?.errorCount).toBe(0);
    const summary = formatSummary(engine, false);
    expect(summary).not.toContain('TS2322');
    expect(summary).toContain(`an earlier run, superseded by ${second.id}`);
  });

  it('keeps only the newer run’s errors when the rerun still fails', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const first = engine.start('tsc-like', { args: ['fail'] }).process;
    await engine.waitFor(first.id, 'exit', 15_000);
    const second = engine.start('tsc-like', { args: ['fail'] }).process;
    await engine.waitFor(second.id, 'exit', 15_000);
    const current = engine.errors();
    expect(current).toHaveLength(2);
    expect(current.every((e) => e.processId === second.id)).toBe(true);
  });

  it('a rerun that is stopped (or killed by a signal) before it finished supersedes nothing', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const first = engine.start('tsc-like', { args: ['fail'] }).process;
    await engine.waitFor(first.id, 'exit', 15_000);
    const second = engine.start('tsc-like', { args: ['partial'] }).process;
    await eventually(
      () => engine.errors({ processId: second.id }).length === 1,
      15_000,
      'the partial report',
    );
    await engine.stop(second.id);
    await eventually(() => engine.get(second.id)?.status === 'stopped', 15_000, 'the stopped status');
    // The cut-short run reported TS2322 only: TS2304 of the earlier run is still what is known about main.tsx.
    expect(
      engine
        .errors({ processId: first.id })
        .map((e) => e.code)
        .sort(),
    ).toEqual(['TS2304', 'TS2322']);
    expect(engine.errors({ processId: second.id }).map((e) => e.code)).toEqual(['TS2322']);
  });

  it('leaves another script’s errors alone', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    const failing = engine.start('tsc-like', { args: ['fail'] }).process;
    await engine.waitFor(failing.id, 'exit', 15_000);
    const other = engine.start('quick').process;
    await engine.waitFor(other.id, 'exit', 15_000);
    expect(engine.errors()).toHaveLength(2);
  });
});
