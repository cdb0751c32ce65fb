/**
 * Tests that drive a real Chromium (Debian's package, through playwright-core) find it here, and fail
 * with one line saying how to install it when it is missing (`.ci/run` installs it). Never downloads.
 */
import { findBrowserExecutable } from '../../src/browser/managed/executable.js';

/** The flags brum's managed browser uses (quiet, headless, throwaway); tests launch with the same. */
export { CHROMIUM_ARGS } from '../../src/browser/managed/managed-browser.js';

export function requireChromium(): string {
  try {
    return findBrowserExecutable({ env: { ...process.env, BRUM_BROWSER: undefined } }).path;
  } catch {
    throw new Error('these tests need Chromium: apt-get install -y chromium');
  }
}
