/**
 * Starts a reverse proxy for every loopback dev-server origin a process prints (the engine's URL
 * tracker), on a stable loopback port: the same target keeps its port (and its proxy) for as long as
 * brum runs, across restarts of the process; a later run printing the same origin takes the proxy
 * over. Ports are handed out from `firstPort` upwards, skipping ports in use, unless `[proxy] ports`
 * pins one for the script. Proxies stay up while their process is down: the browser then gets a 502
 * page that names the process and its status.
 */
import { randomBytes } from 'node:crypto';
import type { Engine } from '../../core/engine-api.js';
import type { ProcessSnapshot } from '../../core/process/snapshot.js';
import type { Unsubscribe } from '../../core/events.js';
import { stubPageClient, type PageClientEndpoint } from './endpoint.js';
import { BrumProxy, type ProcessState } from './server.js';
import { portOf, proxyTarget } from './targets.js';

/** Proxies at most (a process printing many local origins must not open ports without end). */
export const MAX_PROXIES = 32;
/** Ports tried past a busy one before giving up on a target. */
const PORT_ATTEMPTS = 50;
export const DEFAULT_PROXY_PORT = 7601;

export interface ProxySettings {
  /** First port handed out; 0: any free port each time (tests). */
  readonly firstPort: number;
  /** Script name → port, from `[proxy] ports`. */
  readonly pinned: Readonly<Record<string, number>>;
}

export interface ProxyManagerOptions extends ProxySettings {
  readonly engine: Pick<Engine, 'on' | 'snapshot' | 'get' | 'browser' | 'reportFault'>;
  readonly endpoint?: PageClientEndpoint;
  /** Default: 24 random bytes per brum run. */
  readonly secret?: string;
  /** Ports never handed out or proxied (brum's MCP port). */
  readonly reservedPorts?: readonly number[];
  readonly now?: () => number;
}

interface Entry {
  readonly target: string;
  readonly proxy: BrumProxy;
  processId: string;
  port?: number;
}

export class ProxyManager {
  readonly secret: string;
  readonly #options: ProxyManagerOptions;
  readonly #entries = new Map<string, Entry>();
  #nextPort: number;
  #queue: Promise<void> = Promise.resolve();
  #off: Unsubscribe | undefined;
  #closed = false;

  constructor(options: ProxyManagerOptions) {
    this.#options = options;
    this.secret = options.secret ?? randomBytes(24).toString('base64url');
    this.#nextPort = options.firstPort;
  }

  /** Watches the engine's processes (and proxies what they already printed). */
  start(): void {
    if (this.#off || this.#closed) return;
    this.#off = this.#options.engine.on('process', ({ process, previous }) => {
      if (process.urls !== previous?.urls) this.#consider(process);
    });
    for (const process of this.#options.engine.snapshot().processes) this.#consider(process);
  }

  /** Resolves once every proxy queued so far listens (or failed). */
  settled(): Promise<void> {
    return this.#queue;
  }

  /** Stops watching and closes every proxy (connections in flight included). Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#off?.();
    await this.#queue.catch(() => {});
    await Promise.all(
      [...this.#entries.values()].map(async (entry) => {
        await entry.proxy.close();
        this.#changed(entry, { status: 'closed' });
      }),
    );
  }

  #consider(process: ProcessSnapshot): void {
    for (const url of process.urls) {
      const target = proxyTarget(url);
      if (target === undefined || this.#isOwn(target)) continue;
      const entry = this.#entries.get(target);
      if (entry) {
        if (entry.processId !== process.id) {
          entry.processId = process.id;
          if (entry.port !== undefined) this.#changed(entry, { status: 'listening' });
        }
        continue;
      }
      if (this.#entries.size >= MAX_PROXIES) return;
      this.#open(target, process);
    }
  }

  /** A URL pointing at one of brum's own proxies (or its MCP port) is never proxied again. */
  #isOwn(target: string): boolean {
    const port = portOf(target);
    if (this.#options.reservedPorts?.includes(port)) return true;
    return [...this.#entries.values()].some((e) => e.port === port);
  }

  #open(target: string, process: ProcessSnapshot): void {
    const { engine } = this.#options;
    const entry: Entry = {
      target,
      processId: process.id,
      proxy: new BrumProxy({
        target,
        processId: () => entry.processId,
        describeProcess: () => describeProcess(engine.get(entry.processId), entry.processId),
        secret: this.secret,
        endpoint: this.#options.endpoint ?? stubPageClient,
        feed: engine.browser,
        now: this.#options.now ?? Date.now,
        onFault: (what, error) => engine.reportFault(`${what} for ${target}`, error, entry.processId),
      }),
    };
    this.#entries.set(target, entry);
    this.#changed(entry, { status: 'starting' });
    const pinned = this.#options.pinned[process.name];
    this.#queue = this.#queue.then(() => this.#listen(entry, pinned));
  }

  async #listen(entry: Entry, pinned: number | undefined): Promise<void> {
    if (this.#closed) return;
    try {
      if (pinned !== undefined) {
        entry.port = await entry.proxy.listen(pinned).catch((error: NodeJS.ErrnoException) => {
          throw new Error(
            `port ${pinned} (pinned in [proxy] ports) is not free: ${error.code ?? error.message}`,
          );
        });
      } else {
        entry.port = await this.#listenFromNext(entry.proxy);
      }
      this.#changed(entry, { status: 'listening' });
    } catch (error) {
      this.#changed(entry, { status: 'failed', error: (error as Error).message });
    }
  }

  async #listenFromNext(proxy: BrumProxy): Promise<number> {
    if (this.#options.firstPort === 0) return proxy.listen(0);
    let lastError: unknown;
    for (let attempt = 0; attempt < PORT_ATTEMPTS && this.#nextPort <= 65535; attempt++) {
      const port = this.#nextPort++;
      if (this.#options.reservedPorts?.includes(port)) continue;
      try {
        return await proxy.listen(port);
      } catch (error) {
        lastError = error;
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
      }
    }
    throw new Error(
      `no free port from ${this.#nextPort - PORT_ATTEMPTS} to ${this.#nextPort - 1} (${(lastError as NodeJS.ErrnoException | undefined)?.code ?? 'none tried'})`,
    );
  }

  #changed(
    entry: Entry,
    state: { status: 'starting' | 'listening' | 'failed' | 'closed'; error?: string },
  ): void {
    this.#options.engine.browser.proxyChanged({
      processId: entry.processId,
      target: entry.target,
      ...(entry.port !== undefined ? { port: entry.port, proxyUrl: `http://127.0.0.1:${entry.port}` } : {}),
      ...state,
    });
  }
}

/** `dev (dev-1): failed, exit 1 — <reason>` for the 502 page and the request record. */
export function describeProcess(p: ProcessSnapshot | undefined, id: string): ProcessState {
  if (!p) return { text: `process ${id}: no longer known to brum`, retry: false };
  const exit = p.signal ? `, signal ${p.signal}` : p.exitCode != null ? `, exit ${p.exitCode}` : '';
  const reason = p.reason ? ` — ${p.reason}` : '';
  return {
    text: `${p.name} (${p.id}): ${p.status}${exit}${reason}`,
    retry: p.status === 'running' || p.status === 'pending' || p.status === 'stopping',
  };
}
