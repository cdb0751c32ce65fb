import { useMemo } from 'react';
import type { UrlRecord } from '../../core/detect/types.js';
import type { Engine } from '../../core/engine-api.js';
import type { EngineStore } from '../store/engine-store.js';
import { useEngineView } from './use-engine-view.js';
import { useBrowserVersion } from './use-browser-requests.js';

export interface UrlRow extends UrlRecord {
  /** The script name of the process that printed it. */
  readonly processName: string;
  /** Whether that process is still alive (a dead server's URL is shown dimmed). */
  readonly alive: boolean;
  /** The same page through brum's proxy (where the person should open it), when one serves it. */
  readonly proxyUrl?: string;
}

/** URLs grouped by process (in process order), each group in order of first appearance. */
export function useUrls(engine: Pick<Engine, 'urls' | 'browser'>, store: EngineStore): readonly UrlRow[] {
  const view = useEngineView(store);
  const proxies = useBrowserVersion(engine.browser, store);
  return useMemo(() => {
    const byId = new Map(view.snapshot.processes.map((p) => [p.id, p]));
    const order = new Map(view.snapshot.processes.map((p, i) => [p.id, i]));
    return engine
      .urls()
      .map((u) => {
        const process = byId.get(u.processId);
        const proxyUrl = engine.browser.proxyUrlFor(u.url);
        return {
          ...u,
          processName: process?.name ?? u.processId,
          alive: process?.isActive ?? false,
          ...(proxyUrl !== undefined ? { proxyUrl } : {}),
        };
      })
      .sort(
        (a, b) =>
          Number(b.alive) - Number(a.alive) ||
          (order.get(a.processId) ?? 0) - (order.get(b.processId) ?? 0) ||
          a.seq - b.seq,
      );
    // `proxies` changes when a proxy starts listening (that is no engine event).
  }, [engine, view.snapshot, proxies]);
}
