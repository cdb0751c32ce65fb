import { describe, expect, it } from 'vitest';
import type { BrowserState } from './state.js';
import { MAX_EVENTS } from './tabs.js';
import type { TelemetryEventInput } from './types.js';
import { testBrowserState } from '../../../test/helpers/browser-state.js';

function state(): BrowserState {
  const s = testBrowserState();
  s.tabConnected({ tab: 't-a', load: 'l-1', url: 'http://127.0.0.1:1/', title: 'a', processId: 'dev-1' });
  return s;
}

const info = (message: string): TelemetryEventInput => ({ time: 1, kind: 'console', level: 'info', message });

describe('tabs and page events', () => {
  it('stamps events with seq, tab, load and process; pages them by cursor', () => {
    const s = state();
    s.pageEvents('t-a', [info('a'), info('b'), info('c')]);
    const first = s.events({ limit: 2 });
    expect(first.items.map((e) => [e.seq, e.tab, e.load, e.processId, e.message])).toEqual([
      [1, 't-a', 'l-1', 'dev-1', 'a'],
      [2, 't-a', 'l-1', 'dev-1', 'b'],
    ]);
    expect(first.truncated).toBe(true);
    expect(s.events({ since: first.nextCursor }).items.map((e) => e.message)).toEqual(['c']);
    expect(s.pageEvents('t-unknown', [info('x')])).toEqual([]);
  });

  it('keeps a bounded store and says when a cursor fell behind it', () => {
    const s = state();
    for (let i = 0; i < MAX_EVENTS + 10; i += 100)
      s.pageEvents(
        't-a',
        Array.from({ length: 100 }, (_, j) => info(`m${i + j}`)),
      );
    const page = s.events({ since: 0, limit: 1 });
    expect(page.gap).toBe(true);
    expect(page.items[0]!.seq).toBeGreaterThan(1);
    let total = 0;
    for (let since = 0, more = true; more;) {
      const p = s.events({ since, limit: 1000 });
      total += p.items.length;
      since = p.nextCursor;
      more = p.truncated;
    }
    expect(total).toBe(MAX_EVENTS);
  });

  it('a long-poll wakes on a matching event, and returns empty when it times out or is aborted', async () => {
    const s = state();
    const waiting = s.waitForEvents({ kind: 'error' }, 10_000);
    s.pageEvents('t-a', [info('not this')]);
    s.pageEvents('t-a', [{ time: 2, kind: 'error', level: 'error', message: 'this' }]);
    expect((await waiting).items.map((e) => e.message)).toEqual(['this']);
    expect((await s.waitForEvents({ since: 2 }, 20)).items).toEqual([]);
    const abort = new AbortController();
    const aborted = s.waitForEvents({ since: 2 }, 10_000, abort.signal);
    abort.abort();
    expect((await aborted).items).toEqual([]);
  });

  it('tracks connection per load: an old load closing does not disconnect the new one', () => {
    const s = state();
    s.tabConnected({ tab: 't-a', load: 'l-2', url: 'http://127.0.0.1:1/x', title: 'x' });
    s.tabDisconnected('t-a', 'l-1');
    expect(s.sessions()[0]).toMatchObject({ tab: 't-a', load: 'l-2', connected: true });
    expect(s.openTabs()).toBe(1);
    s.tabUpdated('t-a', { title: 'y' });
    s.tabDisconnected('t-a', 'l-2');
    expect(s.sessions()[0]).toMatchObject({ title: 'y', connected: false });
    expect(s.openTabs()).toBe(0);
  });
});
