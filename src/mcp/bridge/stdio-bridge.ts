/**
 * stdio ↔ HTTP bridge: `brum --mcp` attaches to the brum already running for the project by
 * forwarding every JSON-RPC message from stdin to its HTTP endpoint (with the token) and writing
 * every answer — plain JSON or SSE events — to stdout. The agent then shares the person's processes.
 *
 * Each stdin message becomes one POST (the endpoint is stateless, see transports/http/http-server.ts), so concurrent
 * requests are concurrent, and long-lived streams (`subscriptions/listen`) are relayed live.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { protocolHeaders } from './bridge-headers.js';
import { readSseData } from '../transports/http/sse.js';

export interface BridgeOptions {
  /** The MCP endpoint of the running brum. */
  readonly url: string;
  readonly token: string;
  readonly stdin: Readable;
  readonly stdout: Writable;
  /** Diagnostics (stderr); never stdout. */
  readonly log: (message: string) => void;
  /** How long requests in flight may still finish after stdin closes (default 1000 ms). */
  readonly drainMs?: number;
}

type Json = Record<string, unknown>;

function rpcError(id: unknown, code: number, message: string): Json {
  return { jsonrpc: '2.0', id: id ?? null, error: { code, message } };
}

/** Headers of every JSON-RPC POST to the Streamable HTTP endpoint. */
function postHeaders(token: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    authorization: `Bearer ${token}`,
  };
}

/** Whether the endpoint answers a ping with our token (a stale registry entry would not). */
export async function probeEndpoint(url: string, token: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: postHeaders(token),
      body: JSON.stringify({ jsonrpc: '2.0', id: 'brum-probe', method: 'ping' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

/** Relays until stdin ends; resolves after requests in flight are answered or aborted. */
export async function runBridge(options: BridgeOptions): Promise<void> {
  const { url, token, stdin, stdout, log } = options;
  const inFlight = new Map<unknown, AbortController>();
  const pending = new Set<Promise<void>>();
  let legacyVersion: string | undefined;

  const write = (message: unknown) => {
    stdout.write(JSON.stringify(message) + '\n');
  };

  const forward = async (message: Json): Promise<void> => {
    const isRequest = 'method' in message && 'id' in message;
    const id = message.id;
    const controller = new AbortController();
    if (isRequest) inFlight.set(id, controller);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { ...postHeaders(token), ...protocolHeaders(message, legacyVersion) },
        body: JSON.stringify(message),
        signal: controller.signal,
      });
      const type = res.headers.get('content-type') ?? '';
      if (res.status === 401) {
        await res.arrayBuffer();
        if (isRequest)
          write(
            rpcError(
              id,
              -32001,
              `The running brum at ${url} refused the token (restarted?). Restart brum --mcp.`,
            ),
          );
        return;
      }
      if (type.includes('text/event-stream') && res.body) {
        for await (const data of readSseData(res.body)) relay(data, message);
        return;
      }
      const text = await res.text();
      if (text.trim() !== '') relay(text, message);
      else if (!res.ok && isRequest) write(rpcError(id, -32603, `brum answered HTTP ${res.status}`));
    } catch (error) {
      if (controller.signal.aborted) return;
      log(`brum --mcp: forwarding to ${url} failed: ${(error as Error).message}`);
      if (isRequest)
        write(rpcError(id, -32603, `The running brum at ${url} is unreachable: ${(error as Error).message}`));
    } finally {
      if (isRequest) inFlight.delete(id);
    }
  };

  /** Writes one answer (or batch) to stdout, giving id-less HTTP-level errors the request's id. */
  const relay = (text: string, request: Json) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      log(`brum --mcp: dropped a non-JSON answer: ${text.slice(0, 200)}`);
      return;
    }
    for (const answer of Array.isArray(parsed) ? parsed : [parsed]) {
      const a = answer as Json;
      if (a.error !== undefined && (a.id === null || a.id === undefined) && 'id' in request)
        a.id = request.id;
      if (
        request.method === 'initialize' &&
        typeof (a.result as Json | undefined)?.protocolVersion === 'string'
      ) {
        legacyVersion = (a.result as Json).protocolVersion as string;
      }
      write(a);
    }
  };

  const onLine = (line: string) => {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      write(rpcError(null, -32700, 'Parse error: a line on stdin is not valid JSON.'));
      return;
    }
    if (typeof message !== 'object' || message === null) {
      write(rpcError(null, -32600, 'Invalid request: expected a JSON-RPC object.'));
      return;
    }
    const m = message as Json;
    if (m.method === 'notifications/cancelled') {
      inFlight.get((m.params as Json | undefined)?.requestId)?.abort();
    }
    const p = forward(m);
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const lines = createInterface({ input: stdin, crlfDelay: Infinity, terminal: false });
  lines.on('line', onLine);
  await new Promise<void>((resolve) => lines.once('close', resolve));

  // stdin closed: give ordinary requests a moment, then abort whatever is left (e.g. listen streams).
  const drained = Promise.allSettled([...pending]);
  await Promise.race([drained, new Promise((r) => setTimeout(r, options.drainMs ?? 1000).unref())]);
  for (const controller of inFlight.values()) controller.abort();
  await Promise.allSettled([...pending]);
}
