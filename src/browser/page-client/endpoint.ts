/**
 * The page client's endpoint in brum: serves the injected script and accepts its WebSocket. The proxy
 * (or a test server) hands it the script requests and the upgraded sockets of its reserved path; this
 * side validates every frame, keeps the tab sessions, stores page events (locations mapped to project
 * files) and carries the command channel's messages.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { BrowserFeed, CommandMessage } from '../../core/browser/types.js';
import type { Unsubscribe } from '../../core/events.js';
import { pageClientScriptPath } from './script-path.js';
import { PageConnection } from './connection.js';
import { SourceMapper } from './source-maps.js';

/** What the proxy calls: the script to serve at `SCRIPT_PATH`, and sockets upgraded at `WS_PATH`. */
export interface PageClientEndpoint {
  script(): { body: string | Buffer; etag: string };
  accept(
    socket: WebSocket,
    page: { processId: string; target: string; origin: string; request: IncomingMessage },
  ): void;
}

export interface PageClientOptions {
  readonly feed: BrowserFeed;
  /** The directory a process runs in: its dev server's URL paths are files under it. */
  readonly rootFor: (processId: string) => string | undefined;
  /** The project: files are named relative to it (and it is the root of an unknown process). */
  readonly projectDir: string;
  /** The bundled client script (default: the build's `dist/browser/page-client/client.js`). */
  readonly scriptFile?: string;
  readonly mapper?: SourceMapper;
  /**
   * True for a page of brum's own managed browser (issue 14: it can tell its tabs, e.g. by the
   * user agent it sets); such tabs read `managed: true` in their session.
   */
  readonly isManaged?: (request: IncomingMessage) => boolean;
}

/** The endpoint, plus what the composition root needs to stop it. */
export class PageClientService implements PageClientEndpoint {
  readonly #connections = new Set<PageConnection>();
  /** tab → its current connection (the newest load). */
  readonly #byTab = new Map<string, PageConnection>();
  readonly #detach: Unsubscribe;
  readonly #mapper: SourceMapper;
  #script: { body: Buffer; etag: string } | undefined;

  constructor(private readonly options: PageClientOptions) {
    this.#mapper = options.mapper ?? new SourceMapper();
    this.#detach = options.feed.attachCommandPort({
      send: (tab, command) => this.#send(tab, command),
    });
  }

  script(): { body: Buffer; etag: string } {
    if (this.#script === undefined) {
      const body = readFileSync(this.options.scriptFile ?? pageClientScriptPath());
      this.#script = { body, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"` };
    }
    return this.#script;
  }

  accept(
    socket: WebSocket,
    page: { processId: string; target: string; origin: string; request: IncomingMessage },
  ): void {
    const connection = new PageConnection(socket, {
      feed: this.options.feed,
      mapper: this.#mapper,
      page: {
        processId: page.processId,
        origin: page.origin,
        target: page.target,
        root: this.options.rootFor(page.processId) ?? this.options.projectDir,
        project: this.options.projectDir,
      },
      userAgent: page.request.headers['user-agent'],
      managed: this.options.isManaged?.(page.request) === true,
      onHello: (tab) => {
        const previous = this.#byTab.get(tab);
        this.#byTab.set(tab, connection);
        if (previous !== undefined && previous !== connection) previous.replaced();
      },
      onClose: (tab) => {
        this.#connections.delete(connection);
        if (tab !== undefined && this.#byTab.get(tab) === connection) this.#byTab.delete(tab);
      },
    });
    this.#connections.add(connection);
  }

  /** Open page connections (tests, diagnostics). */
  get connectionCount(): number {
    return this.#connections.size;
  }

  /** Closes every page connection and detaches the command channel. */
  close(): void {
    this.#detach();
    for (const c of [...this.#connections]) c.close(1001, 'brum is shutting down');
  }

  #send(tab: string, command: CommandMessage): boolean {
    const connection = this.#byTab.get(tab);
    return connection !== undefined && connection.sendCommand(command);
  }
}
