import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StampHeap } from './stamp-heap.js';

describe('StampHeap', () => {
  it('pops the smallest live stamp, skipping stale ones, through pushes and compactions (vs a sorted list)', () => {
    const op = fc.oneof(
      fc.record({ type: fc.constant('push' as const), stamp: fc.nat(50) }),
      fc.record({ type: fc.constant('kill' as const), stamp: fc.nat(50) }),
      fc.record({ type: fc.constant('pop' as const) }),
      fc.record({ type: fc.constant('compact' as const), limit: fc.nat(8) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const heap = new StampHeap<string>();
        const model: number[] = [];
        const dead = new Set<number>();
        const stale = (stamp: number): boolean => dead.has(stamp);
        for (const o of ops) {
          if (o.type === 'push') {
            heap.push(o.stamp, `item-${o.stamp}`);
            model.push(o.stamp);
            dead.delete(o.stamp);
          } else if (o.type === 'kill') {
            dead.add(o.stamp);
          } else if (o.type === 'pop') {
            model.sort((a, b) => a - b);
            let expected: number | undefined;
            while (model.length > 0) {
              const s = model.shift()!;
              if (!stale(s)) {
                expected = s;
                break;
              }
            }
            expect(heap.popWhile(stale)).toBe(expected === undefined ? undefined : `item-${expected}`);
          } else {
            heap.compactIfOver(o.limit, (s) => !stale(s));
            if (model.length > o.limit) model.splice(0, model.length, ...model.filter((s) => !stale(s)));
            expect(heap.size).toBe(model.length);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
