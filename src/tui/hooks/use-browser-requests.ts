import { useMemo, useSyncExternalStore } from 'react';
import type { BrowserView, ProxyInfo, ProxyRequestRecord } from '../../core/browser/types.js';
import type { EngineStore } from '../store/engine-store.js';

/** Requests the Web view keeps in hand (the ring holds more; MCP's proxy_requests pages through them). */
export const MAX_SHOWN_REQUESTS = 500;
/**
 * A number that changes whenever requests or proxies changed, at the engine store's next frame (a burst
 * of proxied requests re-renders no more often than the engine does).
 */
export function useBrowserVersion(browser: Pick<BrowserView, 'on'>, store: EngineStore): number {
  const source = useMemo(() => {
    let version = 0;
    const subscribe = store.paced((onChange) => {
      const offs = [browser.on('request', onChange), browser.on('proxy', onChange)];
      return () => {
        for (const off of offs) off();
      };
    });
    return {
      subscribe: (onChange: () => void) =>
        subscribe(() => {
          version++;
          onChange();
        }),
      getSnapshot: () => version,
    };
  }, [browser, store]);
  return useSyncExternalStore(source.subscribe, source.getSnapshot, source.getSnapshot);
}

export interface BrowserRequests {
  /** Newest first, at most {@link MAX_SHOWN_REQUESTS}. */
  readonly requests: readonly ProxyRequestRecord[];
  readonly proxies: readonly ProxyInfo[];
}

/** The proxied requests, live (throttled), optionally only the failed ones. */
export function useBrowserRequests(
  browser: Pick<BrowserView, 'on' | 'requests' | 'proxies'>,
  errorsOnly: boolean,
  store: EngineStore,
): BrowserRequests {
  const version = useBrowserVersion(browser, store);
  return useMemo(() => {
    void version; // recompute on every publish
    const page = browser.requests({ status: errorsOnly ? 'error' : 'all', limit: 100_000 });
    return {
      requests: page.items.slice(-MAX_SHOWN_REQUESTS).reverse(),
      proxies: browser.proxies(),
    };
  }, [browser, errorsOnly, version]);
}
