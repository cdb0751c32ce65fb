import { describe, expect, it } from 'vitest';
import { jsonBytes } from './limits.js';
import { boundPage, pagingNote } from './paging.js';

const records = (n: number, text = 'x') => Array.from({ length: n }, (_, i) => ({ seq: i + 11, text }));

describe('boundPage', () => {
  it('keeps the whole page when it fits, with the page’s own cursor and flags', () => {
    const page = { items: records(3), nextCursor: 20, truncated: true, gap: true };
    const bounded = boundPage(page, (r) => ({ n: r.seq }));
    expect(bounded.views).toEqual([{ n: 11 }, { n: 12 }, { n: 13 }]);
    expect(bounded.items).toEqual(page.items);
    expect(bounded).toMatchObject({ nextCursor: 20, truncated: true, gap: true });
  });

  it('cuts at the byte budget: the cursor continues after the last kept record, and says truncated', () => {
    const page = { items: records(5, 'y'.repeat(100)), nextCursor: 15, truncated: false, gap: false };
    const one = jsonBytes(page.items[0]);
    const bounded = boundPage(page, (r) => r, { maxBytes: 2 * one + 1 });
    expect(bounded.items.map((r) => r.seq)).toEqual([11, 12]);
    expect(bounded).toMatchObject({ nextCursor: 12, truncated: true, gap: false });
    const doubled = boundPage(page, (r) => r, { maxBytes: 2 * one + 1, size: (v) => 2 * jsonBytes(v) });
    expect(doubled.items.map((r) => r.seq)).toEqual([11]);
  });

  it('always keeps one record, even one larger than the budget', () => {
    const page = { items: records(2, 'z'.repeat(500)), nextCursor: 12, truncated: false, gap: false };
    expect(boundPage(page, (r) => r, { maxBytes: 10 }).items.map((r) => r.seq)).toEqual([11]);
  });
});

describe('pagingNote', () => {
  const words = { noun: 'event', gap: 'older events were dropped' };
  it('says the count and cursor, and how to go on only when there is more', () => {
    expect(pagingNote({ count: 2, nextCursor: 7, truncated: false, gap: false }, words)).toBe(
      '2 event(s), next_cursor 7',
    );
    expect(
      pagingNote({ count: 2, nextCursor: 7, truncated: true, gap: true }, words, '', 'page output'),
    ).toBe(
      '2 event(s), next_cursor 7; more available: call again with since=next_cursor; gap: older events were dropped; page output',
    );
  });
});
