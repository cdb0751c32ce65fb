import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { IngestQueue } from './ingest-queue.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('IngestQueue', () => {
  it('runs work in order, later, and lets the event loop run between slices', async () => {
    const queue = new IngestQueue({ sliceMs: 5 });
    const order: number[] = [];
    let timerRan = -1;
    for (let i = 0; i < 40; i++) {
      queue.enqueue(() => {
        const until = performance.now() + 1;
        while (performance.now() < until) {
          // busy for ~1 ms, like a big chunk
        }
        order.push(i);
      });
    }
    setTimeout(() => (timerRan = order.length), 0);
    expect(order).toEqual([]); // nothing runs synchronously inside the data callback
    for (let i = 0; i < 200 && order.length < 40; i++) await tick();
    expect(order).toEqual([...Array(40).keys()]);
    // A timer got its turn before all 40 ms of work were done.
    expect(timerRan).toBeGreaterThan(0);
    expect(timerRan).toBeLessThan(40);
  });

  it('pauses a source past the high-water mark and resumes it once worked off', async () => {
    const queue = new IngestQueue({ highWaterBytes: 100, lowWaterBytes: 10 });
    const source = new PassThrough();
    source.resume();
    queue.enqueue(() => {}, 60, source);
    expect(source.isPaused()).toBe(false);
    queue.enqueue(() => {}, 60, source);
    expect(source.isPaused()).toBe(true);
    expect(queue.pendingBytes).toBe(120);
    await tick();
    await tick();
    expect(queue.pendingBytes).toBe(0);
    expect(source.isPaused()).toBe(false);
  });

  it('skips an item that throws, reports it, and carries on with the next', async () => {
    const reported: unknown[] = [];
    const fallback: unknown[] = [];
    const queue = new IngestQueue({ onError: (e) => fallback.push(e) });
    const done: number[] = [];
    queue.enqueue(() => done.push(1));
    queue.enqueue(
      () => {
        throw new Error('stage failed');
      },
      10,
      undefined,
      (e) => reported.push(e),
    );
    queue.enqueue(() => {
      throw new Error('no handler of its own');
    });
    queue.enqueue(() => done.push(4));
    for (let i = 0; i < 20 && done.length < 2; i++) await tick();
    expect(done).toEqual([1, 4]);
    expect(reported).toEqual([new Error('stage failed')]);
    expect(fallback).toEqual([new Error('no handler of its own')]);
    expect(queue.failures).toBe(2);
    expect(queue.pendingBytes).toBe(0);
  });
});
