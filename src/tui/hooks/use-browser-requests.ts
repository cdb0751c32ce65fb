import { useMemo, useSyncExternalStore } from 'react';
import type { BrowserView, ProxyInfo, ProxyRequestRecord } from '../../core/browser/types.js';

/** Requests the Web view keeps in hand (the ring holds more; MCP's proxy_requests pages through them). */
export const MAX_SHOWN_REQUESTS = 500;
/** Like the engine store: browser events only mark dirty; at most one publish per interval. */
const PUBLISH_MS = 100;

interface Store {
  subscribe(listener: () => void): () => void;
  getSnapshot(): number;
}

const stores = new WeakMap<Pick<BrowserView, 'on'>, Store>();

/** One throttled version counter per browser view, bumped by request and proxy events. */
function storeFor(browser: Pick<BrowserView, 'on'>): Store {
  let store = stores.get(browser);
  if (store) return store;
  let version = 0;
  let timer: NodeJS.Timeout | undefined;
  const listeners = new Set<() => void>();
  let offs: (() => void)[] = [];
  const schedule = (): void => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      version++;
      for (const l of [...listeners]) l();
    }, PUBLISH_MS);
    timer.unref?.();
  };
  store = {
    subscribe(listener) {
      if (listeners.size === 0) offs = [browser.on('request', schedule), browser.on('proxy', schedule)];
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        for (const off of offs) off();
        if (timer) clearTimeout(timer);
        timer = undefined;
      };
    },
    getSnapshot: () => version,
  };
  stores.set(browser, store);
  return store;
}

/** A number that changes (throttled) whenever requests or proxies changed. */
export function useBrowserVersion(browser: Pick<BrowserView, 'on'>): number {
  const store = storeFor(browser);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
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
): BrowserRequests {
  const version = useBrowserVersion(browser);
  return useMemo(() => {
    void version; // recompute on every publish
    const page = browser.requests({ status: errorsOnly ? 'error' : 'all', limit: 100_000 });
    return {
      requests: page.items.slice(-MAX_SHOWN_REQUESTS).reverse(),
      proxies: browser.proxies(),
    };
  }, [browser, errorsOnly, version]);
}
