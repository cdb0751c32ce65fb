import { describe, expect, it } from 'vitest';
import type { BrowserState } from './state.js';
import { MAX_REQUEST_RECORDS } from './state.js';
import { testBrowserState } from '../../../test/helpers/browser-state.js';

function state(): BrowserState {
  return testBrowserState(() => 1000);
}

describe('BrowserState requests', () => {
  it('records, finishes, filters and pages requests with a cursor', () => {
    const s = state();
    const a = s.requestStarted({ time: 1, processId: 'dev-1', method: 'GET', url: '/' });
    const b = s.requestStarted({ time: 2, processId: 'dev-1', method: 'GET', url: '/missing' });
    s.requestFinished(a, { status: 200, bytes: 10 });
    s.requestFinished(b, { status: 404, bytes: 3 });
    expect(s.requests({ status: 'error' }).items.map((r) => r.url)).toEqual(['/missing']);
    const first = s.requests({ limit: 1 });
    expect(first.items.map((r) => r.status)).toEqual([200]);
    expect(first.truncated).toBe(true);
    const rest = s.requests({ since: first.nextCursor });
    expect(rest.items.map((r) => r.status)).toEqual([404]);
    expect(rest.truncated).toBe(false);
  });

  it('keeps a bounded ring and says when a cursor fell behind it', () => {
    const s = state();
    for (let i = 0; i < MAX_REQUEST_RECORDS + 5; i++) {
      s.requestStarted({ time: i, processId: 'dev-1', method: 'GET', url: `/${i}` });
    }
    const page = s.requests({ since: 0, limit: 1 });
    expect(page.gap).toBe(true);
    expect(page.items[0]?.url).toBe('/5');
  });

  it('maps a URL of a proxied origin to the proxy', () => {
    const s = state();
    s.proxyChanged({
      processId: 'dev-1',
      target: 'http://localhost:5173',
      proxyUrl: 'http://127.0.0.1:7601/',
      status: 'listening',
    });
    expect(s.proxyUrlFor('http://localhost:5173/about?x=1')).toBe('http://127.0.0.1:7601/about?x=1');
    expect(s.proxyUrlFor('http://localhost:3000/')).toBeUndefined();
  });
});
