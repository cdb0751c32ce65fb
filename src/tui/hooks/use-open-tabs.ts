import { useCallback, useSyncExternalStore } from 'react';
import type { BrowserView } from '../../core/browser/types.js';

/** How many browser tabs have brum's page client connected now (re-read on every session change). */
export function useOpenTabs(browser: Pick<BrowserView, 'openTabs' | 'on'>): number {
  const subscribe = useCallback((onChange: () => void) => browser.on('session', onChange), [browser]);
  const read = useCallback(() => browser.openTabs(), [browser]);
  return useSyncExternalStore(subscribe, read);
}
