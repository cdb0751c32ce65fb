/** A real HTTP server on loopback serving fixed HTML pages, for tests that point a browser at a page. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HtmlServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly base: string;
  close(): Promise<void>;
}

/** Serves `pages` by path (text/html, 200); any other path is a 404. Close it when the suite ends. */
export async function serveHtml(pages: Readonly<Record<string, string>>): Promise<HtmlServer> {
  const server = createServer((request, response) => {
    const page = Object.hasOwn(pages, request.url ?? '/') ? pages[request.url ?? '/'] : undefined;
    response.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html' });
    response.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
