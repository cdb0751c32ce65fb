/**
 * Recording what clients do into the core's activity store: who is connected and every tool call
 * (tool, arguments, duration, result size, error). Where each fact comes from:
 *
 * - The client's name and version: its `initialize` (a 2025-era connection: stdio, or the socket an
 *   HTTP client initialized on), the per-request envelope (2026-07-28 era), or, for a `brum --mcp`
 *   bridge or hub forwarding over HTTP, the `brum-client` header it adds (the stdio client's identity).
 * - The transport: the serving entry (the HTTP entry hands each request's `RequestOrigin` to the server
 *   instance it builds for that request).
 *
 * Recording wraps `registerTool`, so every tool — present and future — is recorded the same way; the
 * tool files stay thin adapters.
 */
import type { Socket } from 'node:net';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import type { ActivityFeed, AgentTransport, ClientRef } from '../../core/activity/types.js';

/** What a client says about itself. */
export interface ClientInfo {
  readonly name: string;
  readonly version?: string;
}

/** The serving entry's knowledge about the request being handled (HTTP only; stdio knows its connection). */
export interface RequestOrigin {
  readonly transport: AgentTransport;
  /** An id for the client when the entry knows one (a bridge's own id). */
  readonly id?: string;
  readonly info?: ClientInfo;
  /** The tool a single `tools/call` request names: the server instance built for it registers only that one. */
  readonly tool?: string;
}

/** Header a `brum --mcp` bridge adds to every forwarded request: base64url JSON `{id, name, version}`. */
export const BRIDGE_CLIENT_HEADER = 'brum-client';
const MAX_HEADER_CHARS = 2048;
const MAX_NAME_CHARS = 80;

const clip = (s: string): string => (s.length > MAX_NAME_CHARS ? `${s.slice(0, MAX_NAME_CHARS - 1)}…` : s);

export function encodeBridgeClient(client: { id: string } & ClientInfo): string {
  return Buffer.from(JSON.stringify(client), 'utf8').toString('base64url');
}

/** The bridge's client identity from its header; undefined when absent or not well-formed. */
export function decodeBridgeClient(
  header: string | string[] | undefined,
): ({ id: string } & ClientInfo) | undefined {
  if (typeof header !== 'string' || header.length > MAX_HEADER_CHARS) return undefined;
  try {
    const v = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof v.id !== 'string' || typeof v.name !== 'string') return undefined;
    return {
      id: clip(v.id),
      name: clip(v.name),
      ...(typeof v.version === 'string' ? { version: clip(v.version) } : {}),
    };
  } catch {
    return undefined;
  }
}

/** `clientInfo` of an `initialize` request or of a 2026-era request envelope, if the body carries one. */
export function clientInfoOf(body: unknown): ClientInfo | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const params = (body as { params?: Record<string, unknown> }).params;
  const meta = params?._meta as Record<string, unknown> | undefined;
  const info = (params?.clientInfo ?? meta?.['io.modelcontextprotocol/clientInfo']) as
    Record<string, unknown> | undefined;
  if (typeof info?.name !== 'string') return undefined;
  return {
    name: clip(info.name),
    ...(typeof info.version === 'string' ? { version: clip(info.version) } : {}),
  };
}

/**
 * Names 2025-era HTTP clients, which say who they are only in `initialize`: a later request is
 * theirs when it comes over the socket they initialized on, or when they are the only client that
 * initialized recently (HTTP clients open several connections, so the socket alone is not enough).
 * Otherwise the request stays unnamed rather than being guessed.
 */
export class SocketClients {
  readonly #bySocket = new WeakMap<Socket, ClientInfo>();
  /** `name@version` → client and when it last initialized; at most a few entries. */
  readonly #recent = new Map<string, { info: ClientInfo; at: number }>();

  constructor(private readonly windowMs = 10 * 60_000) {}

  /** The origin of a request: the bridge header wins, then the body, then what is known of the client. */
  originOf(socket: Socket, bridgeHeader: string | string[] | undefined, body: unknown): RequestOrigin {
    const bridged = decodeBridgeClient(bridgeHeader);
    if (bridged) return { transport: 'bridge', id: bridged.id, info: bridged };
    const said = clientInfoOf(body);
    const now = Date.now();
    if (said) {
      this.#bySocket.set(socket, said);
      const key = `${said.name}@${said.version ?? ''}`;
      this.#recent.delete(key);
      this.#recent.set(key, { info: said, at: now });
      if (this.#recent.size > 16) this.#recent.delete(this.#recent.keys().next().value as string);
      return { transport: 'http', info: said };
    }
    const known = this.#bySocket.get(socket);
    if (known) return { transport: 'http', info: known };
    const recent = [...this.#recent.values()].filter((r) => now - r.at <= this.windowMs);
    return recent.length === 1 ? { transport: 'http', info: recent[0]!.info } : { transport: 'http' };
  }
}

/** The tool a JSON-RPC message calls, when it is one `tools/call` request (not a batch) naming a tool. */
export function calledTool(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const message = body as { method?: unknown; params?: { name?: unknown } };
  if (message.method !== 'tools/call') return undefined;
  const name = message.params?.name;
  return typeof name === 'string' ? name : undefined;
}

/** The client a request comes from, from what the entry knows and what the server instance was told. */
export function clientRef(
  origin: RequestOrigin,
  told: ClientInfo | undefined,
  connectionId?: string,
): ClientRef {
  const info = origin.info ?? told;
  const name = info?.name ?? 'unknown client';
  const id =
    origin.id ?? connectionId ?? `${origin.transport}:${name}${info?.version ? `@${info.version}` : ''}`;
  return {
    id,
    name,
    ...(info?.version !== undefined ? { version: info.version } : {}),
    transport: origin.transport,
  };
}

function resultText(result: CallToolResult): string {
  return (result.content ?? []).map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');
}

/** A new process a `scripts_run` result reports (not a duplicate), to mark it as the agent's. */
function startedProcess(tool: string, result: CallToolResult): string | undefined {
  if (tool !== 'scripts_run' || result.isError) return undefined;
  const s = result.structuredContent as { duplicate?: unknown; process?: { id?: unknown } } | undefined;
  return s?.duplicate === false && typeof s.process?.id === 'string' ? s.process.id : undefined;
}

type AnyToolCallback = (...args: unknown[]) => CallToolResult | Promise<CallToolResult>;

/** The client's identity from a handler context's per-request envelope (2026-07-28 era), if any. */
function envelopeClient(context: unknown): ClientInfo | undefined {
  const envelope = (context as { mcpReq?: { envelope?: Record<string, unknown> } } | undefined)?.mcpReq
    ?.envelope;
  return envelope ? clientInfoOf({ params: { _meta: envelope } }) : undefined;
}

/**
 * Makes every tool registered on `server` from now on record its calls into `activity`. `who` names
 * the caller at call time (given what the request's envelope says, if anything). Call before
 * registering the tools.
 */
export function recordToolCalls(
  server: McpServer,
  activity: ActivityFeed,
  who: (told: ClientInfo | undefined) => ClientRef,
): void {
  const register = server.registerTool.bind(server);
  // The SDK's overloads differ only in the callback's argument types; the wrapper passes every
  // argument through unchanged, so one loose signature covers them all.
  const wrapped = (name: string, config: unknown, callback: AnyToolCallback) =>
    register(
      name,
      config as Parameters<typeof register>[1],
      (async (...args: unknown[]) => {
        const client = who(envelopeClient(args.at(-1)));
        const input = args.length > 1 ? args[0] : undefined;
        const seq = activity.callStarted(client, name, input);
        try {
          const result = await callback(...args);
          // Marked first: whoever redraws on the call's end sees the mark too.
          const started = startedProcess(name, result);
          if (started) activity.markStartedBy(started, client);
          activity.callFinished(seq, {
            isError: result.isError === true,
            text: resultText(result),
            bytes: Buffer.byteLength(JSON.stringify(result)),
          });
          return result;
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          activity.callFinished(seq, { isError: true, text, bytes: 0 });
          throw error;
        }
      }) as Parameters<typeof register>[2],
    );
  server.registerTool = wrapped as typeof server.registerTool;
}
