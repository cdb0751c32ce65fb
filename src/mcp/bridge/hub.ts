/**
 * The hub: `brum --mcp`'s stdio side. Every message from the client goes to one place:
 *
 * - `instances_list` / `instances_connect` are answered here;
 * - `tools/call` and `prompts/get` go to the brum their `instance` argument names (taken out before
 *   forwarding), else to the session's default;
 * - everything else goes to the default, or to the home server when there is none.
 *
 * The home server is this process's own MCP server on in-memory stdio (an embedded engine for the
 * project when no brum runs for it, else an empty one that answers the handshake and lists the tools).
 * Other brums are reached over their HTTP endpoints with the registry's token, looked up again on
 * every call that fails to connect, so a brum that restarted on another port or token is found again.
 * `tools/list` and `prompts/list` answers are rewritten to carry the `instance` argument.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { McpEngine } from '../server/create-server.js';
import {
  encodeBridgeClient,
  BRIDGE_CLIENT_HEADER,
  clientInfoOf,
  type ClientInfo,
} from '../server/activity.js';
import {
  describeShort,
  listText,
  liveInstances,
  matchInstance,
  projectNameOf,
  registeredInstances,
  type InstanceSource,
  type LiveInstance,
} from '../instances/discovery.js';
import { embeddedRow, instanceRow, instancesText } from './instance-rows.js';
import { relayNotifications } from './listen-relay.js';
import { exchange } from './remote.js';
import { rewritePromptsList, rewriteToolsList, takeInstance } from './hub-schema.js';

type Json = Record<string, unknown>;

/** This process's own MCP server, spoken to over a pair of in-memory streams. */
export interface HomeServer {
  readonly input: Writable;
  readonly output: Readable;
  /** The engine it serves, when it serves a project (embedded mode). */
  readonly engine?: McpEngine;
  readonly projectDir?: string;
}

export interface HubOptions extends InstanceSource {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly log: (message: string) => void;
  readonly home: HomeServer;
  /** The project `brum --mcp` was started in, if any: the default while none was chosen. */
  readonly projectDir?: string;
  /** How long requests in flight may still finish after stdin closes (default 1000 ms). */
  readonly drainMs?: number;
}

type Target =
  | { readonly kind: 'home' }
  | { readonly kind: 'remote'; readonly instance: LiveInstance }
  | { readonly kind: 'none'; readonly message: string };

const rpcError = (id: unknown, code: number, message: string): Json => ({
  jsonrpc: '2.0',
  id: id ?? null,
  error: { code, message },
});

const toolError = (id: unknown, text: string): Json => ({
  jsonrpc: '2.0',
  id,
  result: { content: [{ type: 'text', text }], isError: true },
});

const toolResult = (id: unknown, text: string, structured: Json): Json => ({
  jsonrpc: '2.0',
  id,
  result: { content: [{ type: 'text', text }], structuredContent: structured },
});

/** Runs the hub until stdin ends; resolves once requests in flight are answered or aborted. */
export async function runHub(options: HubOptions): Promise<void> {
  const { stdin, stdout, log, home } = options;
  const write = (message: unknown) => void stdout.write(JSON.stringify(message) + '\n');
  const cwd = options.projectDir ?? process.cwd();
  const bridgeId = `hub-${process.pid}-${randomUUID().slice(0, 8)}`;
  /** The project directory instances_connect chose (followed across restarts of its brum). */
  let chosenDir: string | undefined;
  let client: ClientInfo | undefined;
  let legacyVersion: string | undefined;
  const inFlight = new Map<unknown, AbortController>();
  const pending = new Set<Promise<void>>();
  /** Ids of requests sent home whose answers must be rewritten on the way out. */
  const rewriteHome = new Map<unknown, (result: unknown) => unknown>();
  /** URIs a 2025-era client subscribed to (relayed from a running brum by a listen stream). */
  const subscribed = new Set<string>();

  const homeServes = (dir: string | undefined): boolean =>
    home.engine !== undefined &&
    dir !== undefined &&
    path.resolve(dir) === path.resolve(home.projectDir ?? '');

  /** The newest registered brum for `dir` (no ping: a call that fails looks it up again). */
  const registeredFor = (dir: string): LiveInstance | undefined =>
    registeredInstances(options)
      .filter((i) => path.resolve(i.projectDir) === path.resolve(dir))
      .sort((a, b) => b.startedAt - a.startedAt)[0];

  /** The default brum without asking the network (for the notification stream; it retries on failure). */
  const defaultEndpoint = (): LiveInstance | undefined => {
    const dir = chosenDir ?? options.projectDir;
    if (dir !== undefined) return homeServes(dir) ? undefined : registeredFor(dir);
    const all = registeredInstances(options);
    return all.length === 1 ? all[0] : undefined;
  };
  const relay = relayNotifications({
    endpoint: defaultEndpoint,
    uris: subscribed,
    client: () => client,
    write,
    log,
  });

  const defaultTarget = async (): Promise<Target> => {
    const dir = chosenDir ?? options.projectDir;
    if (dir !== undefined) {
      if (homeServes(dir)) return { kind: 'home' };
      const instance = registeredFor(dir);
      if (instance) return { kind: 'remote', instance };
      const others = await liveInstances(options);
      return {
        kind: 'none',
        message: `No brum is running for ${dir}${chosenDir ? ' (chosen with instances_connect)' : ''}: start it with \`brum\` there. ${listText(others)}`,
      };
    }
    // One registered brum: no ping first (the call itself finds out; a failed one looks it up again).
    const registered = registeredInstances(options);
    if (registered.length === 1) return { kind: 'remote', instance: registered[0]! };
    const all = await liveInstances(options);
    if (all.length === 1) return { kind: 'remote', instance: all[0]! };
    if (all.length === 0) return { kind: 'none', message: listText(all) };
    return {
      kind: 'none',
      message: `Several brums are running and none is chosen for this session. ${listText(all)}`,
    };
  };

  const targetFor = async (ref: string | undefined): Promise<Target> => {
    if (ref === undefined) return defaultTarget();
    const homeDir = home.engine ? home.projectDir : undefined;
    if (
      homeDir !== undefined &&
      (ref === 'embedded' ||
        path.resolve(cwd, ref) === path.resolve(homeDir) ||
        ref === projectNameOf(homeDir))
    ) {
      return { kind: 'home' };
    }
    const match = matchInstance(await liveInstances(options), ref, cwd);
    return match.ok ? { kind: 'remote', instance: match.instance } : { kind: 'none', message: match.message };
  };

  const sendHome = (message: Json, rewrite?: (result: unknown) => unknown) => {
    if (rewrite && 'id' in message) rewriteHome.set(message.id, rewrite);
    home.input.write(JSON.stringify(message) + '\n');
  };

  const clientHeaders = (message: Json): Record<string, string> => {
    const info = clientInfoOf(message) ?? client;
    return info ? { [BRIDGE_CLIENT_HEADER]: encodeBridgeClient({ id: bridgeId, ...info }) } : {};
  };

  const sendRemote = async (
    instance: LiveInstance,
    message: Json,
    rewrite?: (result: unknown) => unknown,
  ): Promise<void> => {
    const isRequest = 'id' in message && 'method' in message;
    const controller = new AbortController();
    if (isRequest) inFlight.set(message.id, controller);
    const onMessage = (answer: unknown) => {
      const a = answer as Json;
      if (a.error !== undefined && (a.id === null || a.id === undefined) && isRequest) a.id = message.id;
      if (
        message.method === 'initialize' &&
        typeof (a.result as Json | undefined)?.protocolVersion === 'string'
      ) {
        legacyVersion = (a.result as Json).protocolVersion as string;
      }
      write(
        rewrite && a.id === message.id && a.result !== undefined ? { ...a, result: rewrite(a.result) } : a,
      );
    };
    try {
      let target: LiveInstance | undefined = instance;
      for (let attempt = 0; target && attempt < 2; attempt++) {
        const outcome = await exchange(target, message, {
          legacyVersion,
          headers: clientHeaders(message),
          signal: controller.signal,
          onMessage,
          log,
        });
        if (outcome.ok) return;
        if (outcome.problem === 'aborted') return;
        // Restarted on another port or with another token? The registry says where it is now.
        const again = registeredFor(target.projectDir);
        if (attempt === 0 && again && (again.url !== target.url || again.token !== target.token)) {
          target = again;
          continue;
        }
        log(`brum --mcp: the brum for ${target.projectDir} at ${target.url}: ${outcome.detail}`);
        if (isRequest) {
          write(
            rpcError(
              message.id,
              -32603,
              `The brum for ${target.projectDir} at ${target.url} is unreachable (${outcome.detail}). Is it still running? instances_list shows the running ones.`,
            ),
          );
        }
        return;
      }
    } finally {
      if (isRequest) inFlight.delete(message.id);
    }
  };

  const route = async (target: Target, message: Json, rewrite?: (result: unknown) => unknown) => {
    if (target.kind === 'home') sendHome(message, rewrite);
    else if (target.kind === 'remote') await sendRemote(target.instance, message, rewrite);
    else sendHome(message, rewrite); // nothing chosen: the home server answers (handshake, lists)
  };

  const instancesList = async (id: unknown) => {
    const [all, current] = await Promise.all([liveInstances(options), defaultTarget()]);
    const rows = await Promise.all(all.map((i) => instanceRow(i, log)));
    for (const row of rows) row.default = current.kind === 'remote' && current.instance.id === row.id;
    if (home.engine && home.projectDir) {
      rows.unshift({ ...embeddedRow(home.engine, home.projectDir), default: current.kind === 'home' });
    }
    write(toolResult(id, instancesText(rows, current.kind !== 'none'), { instances: rows }));
  };

  const instancesConnect = async (id: unknown, ref: unknown) => {
    if (typeof ref !== 'string' || ref.trim() === '') {
      write(
        toolError(id, 'instances_connect needs instance: an id (pid), project directory or project name.'),
      );
      return;
    }
    const target = await targetFor(ref);
    if (target.kind === 'none') {
      write(toolError(id, target.message));
      return;
    }
    chosenDir = target.kind === 'home' ? home.projectDir : target.instance.projectDir;
    relay.update();
    const what =
      target.kind === 'home'
        ? `the embedded brum for ${home.projectDir ?? ''}`
        : describeShort(target.instance);
    write(
      toolResult(id, `This session now uses ${what}. Tools without an instance argument go there.`, {
        project_dir: chosenDir,
        ...(target.kind === 'remote'
          ? { id: target.instance.id, url: target.instance.url }
          : { id: 'embedded' }),
      }),
    );
  };

  const handle = async (message: Json): Promise<void> => {
    const method = typeof message.method === 'string' ? message.method : undefined;
    const isRequest = method !== undefined && 'id' in message;
    if (method === 'initialize') {
      client = clientInfoOf(message) ?? client;
      const protocolVersion = (message.params as Json | undefined)?.protocolVersion;
      if (typeof protocolVersion === 'string') legacyVersion = protocolVersion;
    }
    if (!isRequest) {
      // Notifications and answers to the home server's requests; a cancel also aborts a forwarded call.
      if (method === 'notifications/cancelled') {
        inFlight.get((message.params as Json | undefined)?.requestId)?.abort();
      }
      sendHome(message);
      return;
    }
    if (method === 'tools/call' || method === 'prompts/get') {
      const name = (message.params as Json | undefined)?.name;
      if (method === 'tools/call' && name === 'instances_list') return instancesList(message.id);
      if (method === 'tools/call' && name === 'instances_connect') {
        const args = (message.params as Json | undefined)?.arguments as Json | undefined;
        return instancesConnect(message.id, args?.instance);
      }
      const { instance, message: forwarded } = takeInstance(message);
      const target = await targetFor(instance);
      if (target.kind === 'none') {
        write(
          method === 'tools/call'
            ? toolError(message.id, target.message)
            : rpcError(message.id, -32602, target.message),
        );
        return;
      }
      return route(target, forwarded);
    }
    const rewrite =
      method === 'tools/list' ? rewriteToolsList : method === 'prompts/list' ? rewritePromptsList : undefined;
    // The handshake and per-connection state stay home, where the client's connection is.
    if (
      ['initialize', 'ping', 'logging/setLevel', 'resources/subscribe', 'resources/unsubscribe'].includes(
        method,
      )
    ) {
      const uri = (message.params as Json | undefined)?.uri;
      if (typeof uri === 'string' && method === 'resources/subscribe') subscribed.add(uri);
      if (typeof uri === 'string' && method === 'resources/unsubscribe') subscribed.delete(uri);
      if (method.startsWith('resources/')) relay.update();
      sendHome(message, rewrite);
      return;
    }
    return route(await defaultTarget(), message, rewrite);
  };

  // Answers from home: rewrite the lists, pass everything else (answers, notifications) through.
  const homeLines = createInterface({ input: home.output, crlfDelay: Infinity, terminal: false });
  homeLines.on('line', (line) => {
    if (line.trim() === '') return;
    let parsed: Json;
    try {
      parsed = JSON.parse(line) as Json;
    } catch {
      log(`brum --mcp: dropped a non-JSON line from the embedded server`);
      return;
    }
    const rewrite = 'id' in parsed && !('method' in parsed) ? rewriteHome.get(parsed.id) : undefined;
    if (rewrite) {
      rewriteHome.delete(parsed.id);
      if (parsed.result !== undefined) parsed = { ...parsed, result: rewrite(parsed.result) };
    }
    write(parsed);
  });

  const onLine = (line: string) => {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      write(rpcError(null, -32700, 'Parse error: a line on stdin is not valid JSON.'));
      return;
    }
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      write(rpcError(null, -32600, 'Invalid request: expected a JSON-RPC object.'));
      return;
    }
    const p = handle(message as Json).catch((error: unknown) => {
      log(`brum --mcp: ${(error as Error).message}`);
      const m = message as Json;
      if ('id' in m && 'method' in m)
        write(rpcError(m.id, -32603, `brum --mcp failed: ${(error as Error).message}`));
    });
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
  relay.close();
  await Promise.allSettled([...pending]);
  homeLines.close();
}
