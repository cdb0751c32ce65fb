/**
 * One JSON-RPC message to a running brum's HTTP endpoint, and every message that comes back (a JSON
 * body, or the events of an SSE stream as they arrive). Says plainly when the brum refused the token
 * (it restarted with another one) or cannot be reached (it stopped, or moved to another port), so the
 * hub can look it up again.
 */
import { protocolHeaders } from './bridge-headers.js';
import { readSseData } from '../transports/http/sse.js';

type Json = Record<string, unknown>;

export interface Endpoint {
  readonly url: string;
  readonly token: string;
}

export type ExchangeOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: 'refused' | 'unreachable' | 'aborted'; readonly detail: string };

/** Whether the endpoint answers an MCP `ping` with this token within `timeoutMs` (a stale entry would not). */
export async function probeEndpoint(url: string, token: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 'brum-probe', method: 'ping' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** The protocol version a 2025-era request is sent with when the client's own is not known. */
export const FALLBACK_LEGACY_VERSION = '2025-11-25';

export async function exchange(
  endpoint: Endpoint,
  message: Json,
  options: {
    readonly legacyVersion: string | undefined;
    readonly headers?: Record<string, string>;
    readonly signal?: AbortSignal;
    readonly onMessage: (message: unknown) => void;
    readonly log: (message: string) => void;
  },
): Promise<ExchangeOutcome> {
  try {
    const res = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${endpoint.token}`,
        ...options.headers,
        ...protocolHeaders(message, options.legacyVersion ?? FALLBACK_LEGACY_VERSION),
      },
      body: JSON.stringify(message),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (res.status === 401) {
      await res.arrayBuffer();
      return { ok: false, problem: 'refused', detail: 'it refused the token (restarted?)' };
    }
    const type = res.headers.get('content-type') ?? '';
    const relay = (text: string) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        options.log(`brum --mcp: dropped a non-JSON answer: ${text.slice(0, 200)}`);
        return;
      }
      for (const m of Array.isArray(parsed) ? parsed : [parsed]) options.onMessage(m);
    };
    if (type.includes('text/event-stream') && res.body) {
      for await (const data of readSseData(res.body)) relay(data);
      return { ok: true };
    }
    const text = await res.text();
    if (text.trim() !== '') relay(text);
    else if (!res.ok && 'id' in message) {
      options.onMessage({
        jsonrpc: '2.0',
        id: message.id,
        error: { code: -32603, message: `brum answered HTTP ${res.status}` },
      });
    }
    return { ok: true };
  } catch (error) {
    if (options.signal?.aborted) return { ok: false, problem: 'aborted', detail: 'cancelled' };
    return { ok: false, problem: 'unreachable', detail: (error as Error).message };
  }
}
