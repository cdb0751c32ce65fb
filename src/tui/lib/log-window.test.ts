import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { readBefore, readFrom, readTail } from './log-window.js';

function engine(): FakeEngine {
  const e = new FakeEngine('/p');
  // `rare` prints one line per 1000 lines of `noisy`: its seqs are far apart.
  for (let i = 0; i < 20; i++) {
    e.log(
      'noisy',
      Array.from({ length: 1000 }, (_, j) => `n${i}-${j}`),
    );
    e.log('rare', [`r${i}`]);
  }
  return e;
}

describe('log window reads', () => {
  it('reads the tail and forwards from a position', () => {
    const e = engine();
    expect(readTail(e, { processId: 'rare' }, 3).map((l) => l.text)).toEqual(['r17', 'r18', 'r19']);
    const r5 = e.lines.find((l) => l.text === 'r5')!;
    expect(readFrom(e, { processId: 'rare' }, r5.seq, 2).map((l) => l.text)).toEqual(['r5', 'r6']);
    expect(readFrom(e, {}, r5.seq, 2).map((l) => l.text)).toEqual(['r5', 'n6-0']);
  });

  it('reads backwards for a sparse process by widening the probe', () => {
    const e = engine();
    const r10 = e.lines.find((l) => l.text === 'r10')!;
    expect(readBefore(e, { processId: 'rare' }, r10.seq, 3).map((l) => l.text)).toEqual(['r7', 'r8', 'r9']);
    expect(readBefore(e, {}, r10.seq, 2).map((l) => l.text)).toEqual(['n10-998', 'n10-999']);
    const r1 = e.lines.find((l) => l.text === 'r1')!;
    expect(readBefore(e, { processId: 'rare' }, r1.seq, 5).map((l) => l.text)).toEqual(['r0']);
    expect(readBefore(e, {}, 1, 5)).toEqual([]);
  });

  it('serves the problems-only scope from level search', () => {
    const e = new FakeEngine('/p');
    e.log('a', ['ok 1']);
    e.log('a', ['bad'], 'stderr', 'error');
    e.log('a', ['ok 2']);
    e.log('a', ['meh'], 'stdout', 'warning');
    expect(readTail(e, { problemsOnly: true }, 10).map((l) => l.text)).toEqual(['bad', 'meh']);
    expect(readBefore(e, { problemsOnly: true }, 4, 10).map((l) => l.text)).toEqual(['bad']);
  });
});
