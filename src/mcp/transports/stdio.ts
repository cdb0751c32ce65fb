/**
 * `brum --mcp`: MCP on stdin/stdout. Nothing but protocol messages may reach stdout; diagnostics
 * go to stderr.
 *
 * The stdio side is the hub (bridge/hub.ts): one MCP entry that reaches every brum of this user.
 * Its own project is the default: if a brum is already running for it (instance registry), calls go
 * to that brum, so the agent and the person share processes; otherwise an engine is created
 * in-process and served with the SDK's `serveStdio` (both protocol eras), and when stdin closes,
 * everything this mode started is stopped. Started outside any project it serves the running brums
 * only. Every tool takes an optional `instance`; `instances_list` / `instances_connect` choose.
 */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import type { ActivityFeed, ActivityView } from '../../core/activity/types.js';
import type { Engine } from '../../core/engine-api.js';
import { clientRef } from '../server/activity.js';
import { forwardEngineChanges, type ChangeSink } from '../server/notifier.js';
import { findInstance } from '../instances/registry.js';
import {
  createServerInstance,
  DEFAULT_IDENTITY,
  type McpEngine,
  type ServerIdentity,
} from '../server/create-server.js';
import { emptyEngine } from '../bridge/empty-engine.js';
import { runHub } from '../bridge/hub.js';
import { probeEndpoint } from '../bridge/remote.js';

/** An engine `runStdio` can own: the MCP slice plus shutdown. */
export type OwnedEngine = McpEngine & Pick<Engine, 'shutdown' | 'reportFault'>;

export interface StdioOptions {
  /** The project brum --mcp runs for; absent when started outside any project (hub only). */
  readonly projectDir?: string;
  /** Creates the embedded engine, only when no running brum serves the project. */
  readonly createEngine?: () => OwnedEngine | Promise<OwnedEngine>;
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
export type StdioOutcome = { mode: 'bridge'; url: string } | { mode: 'embedded' } | { mode: 'hub' };

/**
 * Serves MCP on stdio until stdin closes, as the hub (bridge/hub.ts): the project's running brum when
 * there is one (`bridge`), else an embedded engine for the project (`embedded`), else — started
 * outside any project — only the running brums of this user (`hub`).
 */
export async function runStdio(options: StdioOptions): Promise<StdioOutcome> {
  const stdin = options.stdin ?? process.stdin;
  const stdout = options.stdout ?? process.stdout;
  const log = options.log ?? ((m: string) => void process.stderr.write(`${m}\n`));

  // stdout is the protocol channel: a stray console.log anywhere in the process would corrupt it.
  const restoreConsole = stdout === process.stdout ? routeConsoleToStderr() : () => {};
  try {
    const { projectDir } = options;
    let attached: string | undefined;
    if (projectDir !== undefined) {
      const instance = findInstance(projectDir, options.registryDir, (m) => log(`brum --mcp: ${m}`));
      if (instance && (await probeEndpoint(instance.url, instance.token))) {
        log(`brum --mcp: attached to the running brum (pid ${instance.pid}) at ${instance.url}`);
        attached = instance.url;
      } else if (instance) {
        log(`brum --mcp: the brum registered at ${instance.url} does not answer; starting an embedded one`);
      }
    } else {
      log('brum --mcp: not in a project; serving the brums running for this user (instances_list)');
    }
    const embedded = attached === undefined && projectDir !== undefined && options.createEngine !== undefined;
    const engine = embedded ? await options.createEngine!() : undefined;
    const home = serveHome(options, engine ?? emptyEngine(projectDir ?? process.cwd()), log);
    try {
      await runHub({
        stdin,
        stdout,
        log,
        home: { input: home.input, output: home.output, ...(engine ? { engine, projectDir } : {}) },
        ...(projectDir !== undefined ? { projectDir } : {}),
        ...(options.registryDir !== undefined ? { registryDir: options.registryDir } : {}),
      });
    } finally {
      await home.close();
      await engine?.shutdown();
    }
    if (attached !== undefined) return { mode: 'bridge', url: attached };
    return engine ? { mode: 'embedded' } : { mode: 'hub' };
  } finally {
    restoreConsole();
  }
}

function routeConsoleToStderr(): () => void {
  const saved = { log: console.log, info: console.info, debug: console.debug };
  console.log = console.info = console.debug = console.error;
  return () => Object.assign(console, saved);
}

/**
 * This process's own MCP server on a pair of in-memory streams, served with the SDK's `serveStdio`
 * (both protocol eras, per-connection subscriptions): the hub writes the client's messages to `input`
 * and relays `output`.
 */
function serveHome(
  options: StdioOptions,
  engine: McpEngine & Partial<Pick<Engine, 'reportFault'>>,
  log: (m: string) => void,
): { input: PassThrough; output: PassThrough; close(): Promise<void> } {
  const input = new PassThrough();
  const output = new PassThrough();
  const identity = options.identity ?? DEFAULT_IDENTITY;
  const sinks = new Set<ChangeSink>();
  const report = (error: unknown) =>
    engine.reportFault
      ? engine.reportFault('an MCP change notification', error)
      : log(`brum --mcp: ${String(error)}`);
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
    { transport: new StdioServerTransport(input, output), onerror: (e) => log(`brum --mcp: ${e.message}`) },
  );
  return {
    input,
    output,
    close: async () => {
      stopForwarding();
      input.end();
      await handle.close().catch((e: unknown) => log(`brum --mcp: closing: ${(e as Error).message}`));
    },
  };
}
