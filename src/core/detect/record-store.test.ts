import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './parsers/types.js';
import { RecordStore } from './record-store.js';

function diag(message: string, kind = 'node'): Diagnostic {
  return { severity: 'error', kind, message, stack: [] };
}

describe('RecordStore.forget (a pruned run)', () => {
  it('drops every record of that process and nothing else, and eviction still works after it', () => {
    const store = new RecordStore(4);
    store.record('a-1', diag('one'), 1, 1, 1);
    store.record('a-1', diag('two'), 2, 2, 2);
    store.resolveAll('a-1', 3);
    store.record('b-1', diag('three'), 3, 3, 4);
    store.forget('a-1');
    expect(store.list({ includeResolved: true }).map((r) => r.message)).toEqual(['three']);
    expect(store.summary('a-1')).toEqual({ errorCount: 0, lastError: undefined });
    expect(store.hasCurrent('a-1')).toBe(false);
    // The heap still names a-1's resolved records: eviction must skip them, not drop a kept one.
    for (let i = 0; i < 5; i++) store.record('b-1', diag(`more ${i}`), 10 + i, 10 + i, 10 + i);
    const kept = store.list({ includeResolved: true }).map((r) => r.message);
    expect(kept).toHaveLength(4);
    expect(kept).toEqual(['more 4', 'more 3', 'more 2', 'more 1']);
    // A new run reusing the id starts clean.
    store.record('a-1', diag('one'), 20, 20, 20);
    expect(store.list({ processId: 'a-1' })).toMatchObject([{ message: 'one', count: 1 }]);
  });
});
