/**
 * Serves one Node request through the SDK's web-standard handler (`createMcpHandler(...).fetch`): the
 * job of `toNodeHandler` from `@modelcontextprotocol/node`, with less per-call garbage.
 *
 * What `toNodeHandler` did per request that nothing needs: it serialised the already parsed body
 * again (`JSON.stringify`, a `TextEncoder` pass for Content-Length) into a body stream the SDK never
 * reads (it is handed `parsedBody` too), and made an `AbortController` whose signal `new Request`
 * links to its own through a `WeakRef` and a `FinalizationRegistry`. Measured exactly with V8's GC
 * profiler (`npm run bench mcp-latency`, "Heap allocation inside brum"), together with dropping
 * AsyncLocalStorage (http-server.ts): an idle `scripts_status` allocates ~150 KB instead of ~182 KB.
 *
 * Here: the web `Request` carries the method, URL and headers only (the SDK reads the message from
 * `parsedBody`; without one, e.g. a GET, there is no body to read), and no signal of ours. A client
 * that goes away is handled through the response instead: its body is cancelled, which is how the
 * SDK's stateless fallback and its `subscriptions/listen` streams tear their exchange down.
 * The MCP protocol stays the SDK's; only this adapter is ours.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What to write back: a web `Response`, and what to call once its body is written or abandoned. */
export interface Answer {
  readonly response: Response;
  readonly finished?: () => void;
}

/** A web `Request` with the method, URL and headers of `req` and no body. */
export function webRequestOf(req: IncomingMessage): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers
    headers.append(name, raw[i + 1]!);
  }
  const host = req.headers.host ?? 'localhost';
  return new Request(`http://${host}${req.url ?? '/'}`, { method: req.method ?? 'GET', headers });
}

/**
 * Writes the answer `answer()` produces to `res`: status, headers, then the body as it comes
 * (honouring backpressure). When the client goes away the body is cancelled (at once, or as soon as
 * the answer exists). `finished` is called once, when the body is written, cancelled or failed.
 */
export async function serveFetch(res: ServerResponse, answer: () => Promise<Answer>): Promise<void> {
  let gone = false;
  let stop: (() => void) | undefined; // cancels the body being written
  let wake: (() => void) | undefined; // ends a wait for 'drain'
  const onClose = () => {
    gone = true;
    stop?.();
    wake?.();
  };
  res.once('close', onClose);
  let finished: (() => void) | undefined;
  try {
    const answered = await answer();
    finished = answered.finished;
    const { response } = answered;
    const body = response.body;
    if (gone) {
      await body?.cancel().catch(() => {});
      return;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    res.writeHead(response.status, headers);
    if (body !== null) {
      const reader = body.getReader();
      stop = () => void reader.cancel().catch(() => {});
      const onDrain = () => wake?.();
      res.on('drain', onDrain);
      try {
        for (;;) {
          const chunk = await reader.read(); // a cancel (client gone) ends it with done
          if (chunk.done || gone) break;
          if (!res.write(chunk.value)) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              if (gone) resolve();
            });
            wake = undefined;
          }
        }
      } catch {
        // The body failed mid-stream: end what was sent (the client sees the stream end).
      } finally {
        res.off('drain', onDrain);
        stop = undefined;
      }
    }
    res.end();
  } finally {
    res.off('close', onClose);
    finished?.();
  }
}
