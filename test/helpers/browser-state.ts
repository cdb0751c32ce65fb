/** The real browser state for tests, where a listener that throws fails the test (never swallowed). */
import { BrowserState } from '../../src/core/browser/state.js';

export function testBrowserState(now: () => number = Date.now): BrowserState {
  return new BrowserState(now, (error) => {
    throw error;
  });
}
