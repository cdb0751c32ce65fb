/**
 * The seam between the proxy and the page client (`src/browser/page-client/`): the proxy owns the
 * reserved paths, their guards and the sockets' limits; the endpoint owns what is served and said.
 */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';

/** Where the injected client is served (with `?s=<secret>`); everything under `/__brum/` is brum's. */
export const RESERVED_PREFIX = '/__brum/';
export const CLIENT_PATH = '/__brum/client.js';
/** The page client's WebSocket (with `?s=<secret>`, the same secret its script URL carries). */
export const SOCKET_PATH = '/__brum/ws';

/** The page a client socket belongs to, as the proxy knows it. */
export interface PageConnection {
  readonly processId: string;
  /** The dev server's origin the proxy forwards to. */
  readonly target: string;
  /** The proxy's own origin (what the page sees as `location.origin`). */
  readonly origin: string;
  readonly request: IncomingMessage;
}

/** Provided by the telemetry side; the proxy calls it only after its own guards passed. */
export interface PageClientEndpoint {
  /** The client script; the proxy serves it with this ETag and answers `If-None-Match` with 304. */
  script(): { body: string | Buffer; etag: string };
  /**
   * A guarded socket (own Origin, per-run secret, loopback Host; frames already capped at the
   * proxy's `maxPayload`). The endpoint owns it from here: validate, rate-limit, close when done.
   */
  accept(socket: WebSocket, page: PageConnection): void;
}

/** Until the page client lands: an empty script, and sockets closed at once (1013: try again later). */
export const stubPageClient: PageClientEndpoint = {
  script: () => ({ body: '/* brum page client: not built in */\n', etag: '"brum-stub"' }),
  accept: (socket) => socket.close(1013, 'no page client'),
};
