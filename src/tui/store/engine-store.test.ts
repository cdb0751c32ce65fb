import { describe, expect, it } from 'vitest';
import { FakeEngine, waitFor } from '../../../test/helpers/fake-engine.js';
import { createEngineStore } from './engine-store.js';

describe('createEngineStore', () => {
  it('publishes at most once per interval however many events arrive', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    engine.start('dev');
    const store = createEngineStore(engine, { intervalMs: 50 });
    let notified = 0;
    store.subscribe(() => notified++);
    const started = Date.now();
    // A flood: 20k single-line batches as fast as possible for ~300 ms.
    let batches = 0;
    while (Date.now() - started < 300) {
      engine.log('dev-1', [`line ${batches++}`]);
      if (batches % 1000 === 0) await new Promise((r) => setImmediate(r));
    }
    await new Promise((r) => setTimeout(r, 120));
    const elapsed = Date.now() - started;
    expect(batches).toBeGreaterThan(1000);
    expect(notified).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    expect(store.getSnapshot().logSeq).toBe(batches);
    store.dispose();
  });

  it('publishes a new frozen view with the latest snapshot and counters', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    const store = createEngineStore(engine, { intervalMs: 5 });
    const before = store.getSnapshot();
    engine.start('dev');
    engine.events.emit('errors', { processId: 'dev-1', changed: [] });
    await waitFor(() => store.getSnapshot() !== before);
    const after = store.getSnapshot();
    expect(Object.isFrozen(after)).toBe(true);
    expect(after.snapshot.processes.map((p) => p.id)).toEqual(['dev-1']);
    expect(after.errorsVersion).toBe(1);
    store.dispose();
  });

  it('removes its engine listeners on dispose', () => {
    const engine = new FakeEngine('/p');
    const store = createEngineStore(engine);
    expect(engine.events.listenerCount('logs')).toBe(1);
    store.dispose();
    expect(engine.events.listenerCount('logs')).toBe(0);
    expect(engine.events.listenerCount('process')).toBe(0);
  });
});
