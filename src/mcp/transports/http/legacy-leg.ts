/**
 * Serving of 2025-era requests (no per-request `_meta` envelope: `initialize`, and every call of a
 * client that speaks a 2025 revision, which is most clients today). The SDK's `createMcpHandler`
 * serves them through its stateless fallback (`legacyStatelessFallback`); this is that fallback's
 * serving, hand-wired as the SDK documents for compositions (`isLegacyRequest` in front of a
 * `legacy: 'reject'` handler): a fresh instance from the same factory, connected to a fresh
 * `WebStandardStreamableHTTPServerTransport` with `sessionIdGenerator: undefined`, GET and DELETE
 * answered 405. The JSON-RPC handling stays the SDK's transport's and server's.
 *
 * What differs is only where the exchange ends. The SDK's fallback wraps the transport's event stream
 * in a second `ReadableStream` and a second `Response` to learn when the stream is done; here the
 * writer (fetch-bridge.ts) says so itself (`finished`), which it knows anyway. Measured with the
 * bench's exact heap counts, per idle tool call: see docs/performance.md "MCP latency".
 */
import {
  McpServer,
  type McpServerFactory,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Answer } from './fetch-bridge.js';

/** Whether a response is an event stream (the transport's answer to a request; JSON otherwise). */
function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type.split(';', 1)[0]!.trim().toLowerCase() === 'text/event-stream';
}

/** The JSON-RPC id to echo on an error answer: the body's, when it is one request with a usable id. */
function echoableId(body: unknown): string | number | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const { method, id } = body as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return null;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

function jsonRpcError(status: number, code: number, message: string, id: string | number | null = null) {
  return Response.json(
    { jsonrpc: '2.0', error: { code, message }, id },
    { status, ...(status === 405 ? { headers: { Allow: 'POST' } } : {}) },
  );
}

/**
 * A server for 2025-era requests: `serve(request, parsedBody)` answers one request (its body already
 * parsed); `finished` in the answer must be called once its body is written or abandoned.
 */
export function legacyLeg(
  factory: McpServerFactory,
  onerror: (error: Error) => void,
  maxRequestBodySize: number,
  /** Receives each instance once its exchange is over and it is closed (instance-pool.ts). */
  recycle?: (server: McpServer) => void,
): (request: Request, parsedBody: unknown) => Promise<Answer> {
  return async (request, parsedBody) => {
    if (request.method.toUpperCase() !== 'POST') {
      return { response: jsonRpcError(405, -32000, 'Method not allowed.') };
    }
    let product: McpServer | Awaited<ReturnType<McpServerFactory>> | undefined;
    let transport: WebStandardStreamableHTTPServerTransport | undefined;
    let tornDown = false;
    const teardown = () => {
      if (tornDown) return;
      tornDown = true;
      const closing = [transport?.close(), product?.close()];
      const server = product;
      void Promise.all(closing).then(
        () => {
          if (recycle && server instanceof McpServer) recycle(server);
        },
        () => {}, // a failed close: the instance is not reused
      );
    };
    try {
      product = await factory({ era: 'legacy', requestInfo: request });
      transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: undefined,
        maxRequestBodySize,
      });
      await product.connect(transport);
      const response = await transport.handleRequest(request, { parsedBody });
      if (response.body === null || !isEventStream(response)) {
        teardown();
        return { response };
      }
      return { response, finished: teardown };
    } catch (error) {
      teardown();
      onerror(error instanceof Error ? error : new Error(String(error)));
      return { response: jsonRpcError(500, -32603, 'Internal server error', echoableId(parsedBody)) };
    }
  };
}
