/**
 * `brum --mcp`: MCP on stdin/stdout. Nothing but protocol messages may reach stdout; diagnostics
 * go to stderr.
 *
 * If a brum is already running for the project (instance registry), every message is forwarded to
 * it (stdio-bridge.ts), so the agent and the person share processes. Otherwise an engine is created
 * in-process and served with the SDK's `serveStdio`, which handles both protocol eras; when stdin
 * closes, everything this mode started is stopped.
 */
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ActivityFeed, ActivityView } from '../core/activity/types.js';
import type { Engine } from '../core/engine-api.js';
import { clientRef } from './activity.js';
import { forwardEngineChanges, type ChangeSink } from './notifier.js';
import { findInstance } from './registry.js';
import { createServerInstance, DEFAULT_IDENTITY, type McpEngine, type ServerIdentity } from './server.js';
import { probeEndpoint, runBridge } from './stdio-bridge.js';

/** An engine `runStdio` can own: the MCP slice plus shutdown. */
export type OwnedEngine = McpEngine & Pick<Engine, 'shutdown' | 'reportFault'>;

export interface StdioOptions {
  readonly projectDir: string;
  /** Creates the embedded engine, only when no running brum serves the project. */
  readonly createEngine: () => OwnedEngine | Promise<OwnedEngine>;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  /** Diagnostics; default writes a line to stderr. */
  readonly log?: (message: string) => void;
  /** Instance registry folder (tests); default the per-user one. */
  readonly registryDir?: string;
  readonly identity?: ServerIdentity;
  /** Records the client and its tool calls (embedded mode; an attached brum records on its side). */
  readonly activity?: ActivityFeed & Pick<ActivityView, 'counts'>;
}

/** What `runStdio` did, for the caller's logs and tests. */
export type StdioOutcome = { mode: 'bridge'; url: string } | { mode: 'embedded' };

/** Serves MCP on stdio until stdin closes. */
export async function runStdio(options: StdioOptions): Promise<StdioOutcome> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const log = options.log ?? ((m: string) => void process.stderr.write(`${m}\n`));

  // stdout is the protocol channel: a stray console.log anywhere in the process would corrupt it.
  const restoreConsole = stdout === process.stdout ? routeConsoleToStderr() : () => {};
  try {
    const instance = findInstance(options.projectDir, options.registryDir, (m) => log(`brum --mcp: ${m}`));
    if (instance) {
      if (await probeEndpoint(instance.url, instance.token)) {
        log(`brum --mcp: attached to the running brum (pid ${instance.pid}) at ${instance.url}`);
        await runBridge({ url: instance.url, token: instance.token, stdin, stdout, log });
        return { mode: 'bridge', url: instance.url };
      }
      log(`brum --mcp: the brum registered at ${instance.url} does not answer; starting an embedded one`);
    }
    await serveEmbedded(options, stdin, stdout, log);
    return { mode: 'embedded' };
  } finally {
    restoreConsole();
  }
}

function routeConsoleToStderr(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = console.error;
  return () => Object.assign(console, saved);
}

async function serveEmbedded(
  options: StdioOptions,
  stdin: Readable,
  stdout: Writable,
  log: (m: string) => void,
) {
  const engine = await options.createEngine();
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const sinks = new Set<ChangeSink>();
  const report = (error: unknown) => engine.reportFault('an MCP change notification', error);
  const each = (send: (sink: ChangeSink) => void) => {
    for (const sink of sinks) {
      try {
        send(sink);
      } catch (error) {
        report(error);
      }
    }
  };
  const stopForwarding = forwardEngineChanges(
    engine,
    {
      resourcesChanged: () => each((s) => s.resourcesChanged()),
      resourceUpdated: (uri) => each((s) => s.resourceUpdated(uri)),
    },
    { onError: report },
  );

  const stdinClosed = new Promise<void>((resolve) => {
    stdin.once('end', resolve);
    stdin.once('close', resolve);
  });
  const activity = options.activity;
  let connections = 0;
  const handle = serveStdio(
    ({ era }) => {
      const connection = { transport: 'stdio' as const, id: `stdio-${++connections}` };
      const { server, sink } = createServerInstance(engine, identity, era, {
        ...(activity ? { activity } : {}),
        connection,
      });
      sinks.add(sink);
      server.server.oninitialized = () =>
        activity?.clientSeen(clientRef(connection, server.server.getClientVersion(), connection.id));
      server.server.onclose = () => {
        sinks.delete(sink);
        activity?.clientClosed(connection.id);
      };
      return server;
    },
    { transport: new StdioServerTransport(stdin, stdout), onerror: (e) => log(`brum --mcp: ${e.message}`) },
  );
  try {
    await stdinClosed;
  } finally {
    stopForwarding();
    await handle.close().catch((e: unknown) => log(`brum --mcp: closing: ${(e as Error).message}`));
    await engine.shutdown();
  }
}
