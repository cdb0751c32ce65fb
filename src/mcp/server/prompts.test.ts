import { describe, expect, it } from 'vitest';
import type { BrowserState } from '../../core/browser/state.js';
import { browserCheckText, MAX_PROMPT_BYTES } from './prompts.js';
import { testBrowserState } from '../../../test/helpers/browser-state.js';

function browser(): BrowserState {
  return testBrowserState(() => 1000);
}

describe('browser_check', () => {
  it('with no tab and no proxy, says so and how to get one', () => {
    expect(browserCheckText(browser())).toMatch(/No browser tab is connected.*No dev server is proxied yet/s);
  });

  it('names the proxied URL to open, and lists failed requests (bounded, newest)', () => {
    const b = browser();
    b.proxyChanged({
      processId: 'dev-1',
      target: 'http://localhost:5173',
      proxyUrl: 'http://127.0.0.1:7601',
      status: 'listening',
    });
    for (let i = 0; i < 30; i++) {
      const seq = b.requestStarted({ time: i, processId: 'dev-1', method: 'GET', url: `/api/item/${i}` });
      b.requestFinished(seq, { status: i % 2 === 0 ? 500 : 200 });
    }
    const text = browserCheckText(b);
    expect(text).toContain('http://127.0.0.1:7601 (dev-1)');
    expect(text).toMatch(/Latest failed requests \(10\)/);
    expect(text).toContain('GET /api/item/28 → 500 (dev-1)');
    expect(text).not.toContain('/api/item/0 ');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_PROMPT_BYTES);
  });

  it('without a browser side at all, says it cannot see tabs', () => {
    expect(browserCheckText(undefined)).toMatch(/no browser side/);
  });
});
