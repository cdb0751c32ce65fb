import { afterEach, describe, expect, it } from 'vitest';
import { PatternWorker } from './pattern-worker.js';
import { preparePattern } from './safe-regex.js';

const workers: PatternWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

function worker(): PatternWorker {
  const w = new PatternWorker();
  workers.push(w);
  return w;
}

/** Not reducible, many quantifiers: the linear engine needs ~0.1 s or more per 64 KiB line. */
const SLOW = preparePattern(`x(?:${'x*'.repeat(20)})y`);
const LONG = 'x'.repeat(65_000);

describe('PatternWorker', () => {
  it('answers which texts match, in order, and stops at the first or at maxHits when asked', async () => {
    const w = worker();
    const pattern = preparePattern('err(or)?', { caseSensitive: false });
    const texts = ['ok', 'ERROR one', 'fine', 'err two', `${LONG} Error`];
    expect(await w.run({ pattern, texts })).toEqual({ hits: [1, 3, 4], tested: 5, timedOut: false });
    expect(await w.run({ pattern, texts, first: true })).toEqual({ hits: [1], tested: 2, timedOut: false });
    expect(await w.run({ pattern, texts, maxHits: 2 })).toEqual({ hits: [1, 3], tested: 4, timedOut: false });
  });

  it('stops a job at its deadline, terminating a test that runs past it; the next job gets a new thread', async () => {
    const w = worker();
    await w.ready();
    const reply = await w.run({ pattern: SLOW, texts: Array(50).fill(LONG), deadline: Date.now() + 20 });
    expect(reply.timedOut).toBe(true);
    expect(reply.tested).toBeLessThan(50);
    const next = await w.run({ pattern: preparePattern('y$'), texts: ['xy', 'yx'] });
    expect(next).toEqual({ hits: [0], tested: 2, timedOut: false });
  });

  it('answers a job whose deadline passed while it waited without running it', async () => {
    const w = worker();
    await w.ready();
    const first = w.run({ pattern: SLOW, texts: Array(20).fill(LONG), deadline: Date.now() + 200 });
    const queued = w.run({ pattern: preparePattern('x'), texts: ['x'], deadline: Date.now() + 1 });
    expect(await queued).toEqual({ hits: [], tested: 0, timedOut: true });
    expect((await first).timedOut).toBe(true);
  });

  it('rejects pending jobs when closed', async () => {
    const w = worker();
    const pending = w.run({ pattern: SLOW, texts: Array(20).fill(LONG) }).then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await w.close();
    expect(await pending).toMatch(/closed/);
    await expect(w.run({ pattern: SLOW, texts: [] })).rejects.toThrow(/closed/);
  });
});
