/**
 * The MCP server: one factory that registers every tool and resource on a fresh `McpServer`.
 * Both transports use it (HTTP builds one instance per request, stdio one per connection); the
 * instances are cheap adapters over one shared engine, which holds all the state.
 */
import { McpServer } from '@modelcontextprotocol/server';
import type { ActivityFeed, ActivityView, AgentTransport } from '../../core/activity/types.js';
import type { Engine } from '../../core/engine-api.js';
import { clientRef, recordToolCalls, type RequestOrigin } from './activity.js';
import type { ChangeSink } from './notifier.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerAboutTool, type ServerIdentity } from './tools/about.js';
import { registerBrowserActionTools } from './tools/browser-actions.js';
import { registerBrowserControlTools } from './tools/browser-control.js';
import { registerControlTools } from './tools/control.js';
import { registerDiagnosticTools } from './tools/diagnostics.js';
import { registerLogTools } from './tools/logs.js';
import { registerScriptTools } from './tools/scripts.js';
import { registerProxyTools } from './tools/proxy.js';
import { maskingServer } from './masking.js';
import { scopedServer } from './registrations.js';
import { registerTelemetryTools } from './tools/telemetry.js';
import { BRUM_VERSION } from './version.js';

export type { ServerIdentity } from './tools/about.js';

/** The slice of the engine the MCP server uses (no ad-hoc shell commands, no shutdown). */
export type McpEngine = Pick<
  Engine,
  | 'projectDir'
  | 'packageManager'
  | 'listScripts'
  | 'snapshot'
  | 'changesSince'
  | 'get'
  | 'readLogs'
  | 'tailLogs'
  | 'searchLogs'
  | 'errors'
  | 'urls'
  | 'browser'
  | 'start'
  | 'stop'
  | 'restart'
  | 'waitFor'
  | 'on'
  | 'browser'
  | 'maskSecrets'
>;

/** Optional wiring of a server instance: where calls are recorded, and which connection it serves. */
export interface ServerExtras {
  /** Records clients and tool calls (the person sees them in the TUI); `about` shows its counts. */
  readonly activity?: ActivityFeed & Pick<ActivityView, 'counts'>;
  /** A connection-bound instance (stdio): its transport and a stable id for its client. */
  readonly connection?: { readonly transport: AgentTransport; readonly id: string };
  /**
   * An instance for one request that calls this tool (stateless HTTP): only that tool is registered
   * (registrations.ts). A name that is not a brum tool gets the full instance.
   */
  readonly tool?: string;
  /**
   * An instance for HTTP requests: what the entry knows of the client of the request being served
   * (activity records). A function, asked at each call: a pooled instance serves one request after
   * another (instance-pool.ts).
   */
  readonly origin?: () => RequestOrigin | undefined;
}

export const DEFAULT_IDENTITY: ServerIdentity = Object.freeze({ name: 'brummer', version: BRUM_VERSION });

const INSTRUCTIONS =
  'brum runs this project\'s scripts and shares them with the developer\'s terminal. Start servers with scripts_run (wait:"ready" returns the URL), read output with logs_stream, find problems with errors_list. Call about for a guide.';

/** A fresh server instance with every brum tool and resource registered. */
export function createMcpServer(
  engine: McpEngine,
  identity: ServerIdentity = DEFAULT_IDENTITY,
  extras: ServerExtras = {},
): McpServer {
  return createServerInstance(engine, identity, 'legacy', extras).server;
}

/**
 * Like {@link createMcpServer}, plus the sink that pushes change notifications to this instance's
 * client. `era` selects how: a 2025-era connection gets `resources/subscribe` handlers and is sent
 * `resources/updated` only for the URIs it subscribed to; a 2026-era connection subscribes through
 * `subscriptions/listen`, whose router (in the SDK entry) does the filtering.
 */
export function createServerInstance(
  engine: McpEngine,
  identity: ServerIdentity = DEFAULT_IDENTITY,
  era: 'legacy' | 'modern' = 'legacy',
  extras: ServerExtras = {},
): { server: McpServer; sink: ChangeSink } {
  if (extras.tool !== undefined) {
    const scoped = buildInstance(engine, identity, era, extras, extras.tool);
    if (scoped) return scoped;
  }
  return buildInstance(engine, identity, era, extras, undefined)!;
}

/** Instances that have exactly one of brum's tools registered, and its name. */
const scopedTo = new WeakMap<McpServer, string>();

/** The one brum tool `server` was built for (an instance from `extras.tool`), else undefined. */
export function scopedToolOf(server: McpServer): string | undefined {
  return scopedTo.get(server);
}

/** An instance with everything registered, or only `tool` (undefined when `tool` is not one of brum's). */
function buildInstance(
  engine: McpEngine,
  identity: ServerIdentity,
  era: 'legacy' | 'modern',
  extras: ServerExtras,
  tool: string | undefined,
): { server: McpServer; sink: ChangeSink } | undefined {
  const server = new McpServer(
    { name: identity.name, version: identity.version, title: 'Brummer' },
    {
      capabilities: { resources: { subscribe: true, listChanged: true }, prompts: {} },
      instructions: INSTRUCTIONS,
    },
  );
  const { activity, connection, origin } = extras;
  if (activity) {
    // Recording wraps the real registerTool; the masking view below wraps each handler before it, so
    // what is recorded is what the client got: masked.
    recordToolCalls(server, activity, (told) =>
      clientRef(
        origin?.() ?? { transport: connection?.transport ?? 'http' },
        told ?? server.server.getClientVersion(),
        connection?.id,
      ),
    );
  }
  // Every tool result, resource read and prompt is masked for the secrets brum loaded (masking.ts).
  const scope = scopedServer(
    maskingServer(server, (text) => engine.maskSecrets(text)),
    tool,
  );
  const masked = scope.server;
  registerScriptTools(masked, engine);
  registerControlTools(masked, engine);
  registerLogTools(masked, engine);
  registerDiagnosticTools(masked, engine);
  registerProxyTools(masked, engine);
  registerTelemetryTools(masked, engine);
  registerAboutTool(masked, engine, identity, activity);
  registerBrowserControlTools(masked, engine);
  registerBrowserActionTools(masked, engine);
  if (tool !== undefined) {
    if (!scope.complete()) return undefined;
    scopedTo.set(server, tool);
    return withSink(server, era);
  }
  registerResources(masked, engine);
  registerPrompts(masked, engine);
  return withSink(server, era);
}

/** The instance plus the sink that pushes change notifications to its client. */
function withSink(server: McpServer, era: 'legacy' | 'modern'): { server: McpServer; sink: ChangeSink } {
  const subscribed = new Set<string>();
  if (era === 'legacy') {
    server.server.setRequestHandler('resources/subscribe', (request) => {
      subscribed.add(request.params.uri);
      return {};
    });
    server.server.setRequestHandler('resources/unsubscribe', (request) => {
      subscribed.delete(request.params.uri);
      return {};
    });
  }
  const sink: ChangeSink = {
    resourcesChanged: () => {
      if (server.isConnected()) server.sendResourceListChanged();
    },
    resourceUpdated: (uri) => {
      if (!server.isConnected() || (era === 'legacy' && !subscribed.has(uri))) return;
      void server.server.sendResourceUpdated({ uri }).catch(() => {
        // The client went away mid-send; the connection's own close handling cleans up.
      });
    },
  };
  return { server, sink };
}
