import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEngine, waitFor } from '../../../test/helpers/fake-engine.js';
import { createEngineStore, frameInterval } from './engine-store.js';

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

  describe('paced by what frames cost', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /**
     * A flood of `seconds` (fake time, 1 ms steps, one batch of lines each) into a store whose every
     * frame costs `frameCpuMs` of CPU (the listener advances the fake CPU clock, as a render would);
     * returns the number of frames published.
     */
    async function framesDuringFlood(frameCpuMs: number, seconds: number): Promise<number> {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
      let wall = 0;
      let cpu = 0;
      const engine = new FakeEngine('/p', ['dev']);
      engine.start('dev');
      const store = createEngineStore(engine, { now: () => wall, cpuNow: () => cpu });
      let frames = 0;
      store.subscribe(() => {
        frames++;
        cpu += frameCpuMs;
      });
      for (let t = 0; t < seconds * 1000; t++) {
        engine.log('dev-1', [`line ${t}`]);
        wall += 1;
        await vi.advanceTimersByTimeAsync(1);
      }
      // The end of the flood is shown, however the frames were paced.
      wall += 1000;
      await vi.advanceTimersByTimeAsync(1000);
      expect(store.getSnapshot().logSeq).toBe(seconds * 1000);
      store.dispose();
      return frames;
    }

    it('keeps the 40 ms interval while frames are cheap', async () => {
      // 1 ms frames: 25 a second, as before pacing existed.
      const frames = await framesDuringFlood(1, 2);
      expect(frames).toBeGreaterThanOrEqual(49);
      expect(frames).toBeLessThanOrEqual(52);
    });

    it('spaces expensive frames so that they take at most a quarter of the time', async () => {
      // 25 ms frames (a full screen of log lines in Ink): one every 100 ms, 10 a second.
      const frames = await framesDuringFlood(25, 2);
      expect(frames).toBeGreaterThanOrEqual(19);
      expect(frames).toBeLessThanOrEqual(22);
    });

    it('never waits longer than maxIntervalMs between frames', async () => {
      // 200 ms frames would mean one frame in 800 ms; the cap keeps 4 a second.
      const frames = await framesDuringFlood(200, 2);
      expect(frames).toBeGreaterThanOrEqual(8);
      expect(frames).toBeLessThanOrEqual(10);
    });

    it('computes the interval from the cost, within its bounds', () => {
      expect(frameInterval(0, 40, 250, 0.25)).toBe(40);
      expect(frameInterval(20, 40, 250, 0.25)).toBe(80);
      expect(frameInterval(100, 40, 250, 0.25)).toBe(250);
      // A maximum below the minimum is the minimum.
      expect(frameInterval(100, 40, 10, 0.25)).toBe(40);
    });

    it('paces other sources with the same frames: a burst reaches their listener once per frame', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate'] });
      let wall = 0;
      let cpu = 0;
      const engine = new FakeEngine('/p', ['dev']);
      const store = createEngineStore(engine, { now: () => wall, cpuNow: () => cpu });
      const source = new Set<() => void>();
      const subscribe = store.paced((onChange) => {
        source.add(onChange);
        return () => source.delete(onChange);
      });
      let calls = 0;
      const off = subscribe(() => {
        calls++;
        cpu += 25; // what a frame costs
      });
      const before = store.getSnapshot();
      // An assistant calling a tool every millisecond for two seconds.
      for (let t = 0; t < 2000; t++) {
        for (const change of source) change();
        wall += 1;
        await vi.advanceTimersByTimeAsync(1);
      }
      expect(calls).toBeGreaterThanOrEqual(19);
      expect(calls).toBeLessThanOrEqual(22);
      // Nothing changed in the engine: the engine view stays the same object.
      expect(store.getSnapshot()).toBe(before);
      off();
      expect(source.size).toBe(0);
      for (let t = 0; t < 100; t++) await vi.advanceTimersByTimeAsync(1);
      store.dispose();
    });
  });
});
