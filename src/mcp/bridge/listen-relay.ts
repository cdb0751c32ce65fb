/**
 * Resource notifications from a running brum for a 2025-era stdio client. Such a client subscribes
 * with `resources/subscribe`, which a brum's stateless HTTP endpoint cannot honour; the hub instead
 * holds one 2026-07-28 `subscriptions/listen` stream to the brum, for the URIs the client subscribed
 * to, and writes what arrives as ordinary `notifications/resources/updated` / `list_changed` lines.
 * The stream is reopened when the subscriptions or the brum change, and after a failure (the brum
 * restarted) with a bounded backoff.
 */
import { exchange, type Endpoint } from './remote.js';

type Json = Record<string, unknown>;

const MODERN_VERSION = '2026-07-28';
const RELAYED = new Set(['notifications/resources/updated', 'notifications/resources/list_changed']);
const RETRY_MS = [500, 1000, 2000, 5000];

export interface ListenRelay {
  /** (Re)opens the stream for the current subscriptions and endpoint (none → closed). */
  update(): void;
  close(): void;
}

export function relayNotifications(options: {
  /** Where the stream goes now, looked up at each (re)open; undefined closes it. */
  readonly endpoint: () => Endpoint | undefined;
  readonly uris: ReadonlySet<string>;
  readonly client: () => { name: string; version?: string } | undefined;
  readonly write: (message: Json) => void;
  readonly log: (message: string) => void;
}): ListenRelay {
  let controller: AbortController | undefined;
  let generation = 0;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  let closed = false;

  const open = () => {
    controller?.abort();
    if (retry) clearTimeout(retry);
    retry = undefined;
    const endpoint = options.endpoint();
    if (closed || !endpoint || options.uris.size === 0) return;
    const mine = ++generation;
    const abort = new AbortController();
    controller = abort;
    const info = options.client() ?? { name: 'brum --mcp' };
    const message: Json = {
      jsonrpc: '2.0',
      id: `hub-listen-${mine}`,
      method: 'subscriptions/listen',
      params: {
        _meta: {
          'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
          'io.modelcontextprotocol/clientInfo': info,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
        notifications: { resourcesListChanged: true, resourceSubscriptions: [...options.uris] },
      },
    };
    void exchange(endpoint, message, {
      legacyVersion: undefined,
      signal: abort.signal,
      log: options.log,
      onMessage: (m) => {
        const n = m as Json;
        if (typeof n.method === 'string' && n.method === 'notifications/subscriptions/acknowledged')
          failures = 0;
        if (typeof n.method !== 'string' || !RELAYED.has(n.method)) return;
        const params = { ...((n.params as Json | undefined) ?? {}) };
        delete params._meta;
        options.write({ jsonrpc: '2.0', method: n.method, params });
      },
    }).then((outcome) => {
      if (closed || mine !== generation || (!outcome.ok && outcome.problem === 'aborted')) return;
      // The stream ended or failed (the brum stopped or restarted): try again, a little later each time.
      const delay = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
      retry = setTimeout(open, delay);
      retry.unref();
    });
  };

  return {
    update: open,
    close: () => {
      closed = true;
      controller?.abort();
      if (retry) clearTimeout(retry);
    },
  };
}
