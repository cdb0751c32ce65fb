import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROCESS_CONFIG } from '../config/types.js';
import { createTestEngine, shutdownEngines } from '../../../test/helpers/engine.js';

afterEach(shutdownEngines);

const commands = {
  once: {
    ...DEFAULT_PROCESS_CONFIG,
    run: 'echo "listening on http://localhost:4321/"; echo "Error: boom" >&2; exit 1',
  },
  other: { ...DEFAULT_PROCESS_CONFIG, run: 'echo other' },
};

describe('bounded run history', () => {
  it('keeps the newest keep_runs finished runs per name, with their logs, errors and URLs', async () => {
    const engine = createTestEngine('test/fixtures/procs', { keepRuns: 3, commands });
    const other = engine.start('other').process.id;
    await engine.waitFor(other, 'exit', 15_000);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { process } = engine.start('once');
      ids.push(process.id);
      await engine.waitFor(process.id, 'exit', 15_000);
    }
    const before = engine.changesSince(0).revision;
    // An eighth run registers: the history of `once` is at its bound, the oldest kept run goes.
    const last = engine.start('once').process.id;
    await engine.waitFor(last, 'exit', 15_000);

    const runs = engine
      .snapshot()
      .processes.filter((p) => p.name === 'once')
      .map((p) => p.id);
    expect(runs).toEqual([...ids.slice(-2), last]);
    expect(engine.get(other)).toBeDefined();
    for (const pruned of ids.slice(0, -2)) {
      expect(engine.get(pruned)).toBeUndefined();
      expect(engine.readLogs({ processId: pruned }).lines).toEqual([]);
      expect(engine.errors({ processId: pruned })).toEqual([]);
      expect(engine.urls(pruned)).toEqual([]);
    }
    expect(engine.urls(last).map((u) => u.url)).toEqual(['http://localhost:4321/']);
    expect(engine.readLogs({ processId: last }).lines.map((l) => l.text)).toContain(
      'listening on http://localhost:4321/',
    );
    // Pruned bytes are freed, not only hidden: four runs' worth of lines are left (3 + `other`).
    const stored = engine.readLogs({ limit: 1000 }).lines;
    expect(new Set(stored.map((l) => l.processId))).toEqual(new Set([...ids.slice(-2), last, other]));
    // A reader that polls with a revision learns which runs were pruned since.
    expect(engine.changesSince(before).removed).toEqual([ids[4]]);
    expect(engine.changesSince(0).removed).toEqual(ids.slice(0, -2));
  });

  it('never prunes the active run', async () => {
    const engine = createTestEngine('test/fixtures/procs', { keepRuns: 1, commands });
    const first = engine.start('once').process.id;
    await engine.waitFor(first, 'exit', 15_000);
    const second = engine.start('once').process.id;
    expect(engine.get(first)).toBeUndefined();
    expect(engine.get(second)?.isActive || engine.get(second)?.isFinished).toBe(true);
    await engine.waitFor(second, 'exit', 15_000);
    expect(engine.get('once')?.id).toBe(second);
  });
});
