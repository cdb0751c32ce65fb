/**
 * Reading requests and writing refusals for http-server.ts, bounded: a refused or oversized body is read
 * and thrown away only up to a limit, then the connection is cut.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tooLarge, type Refusal } from './guards.js';

/**
 * Answers with a JSON-RPC error body and the refusal's status. The connection is closed after the
 * answer (`Connection: close`): a client that was refused gets no second try on the same socket.
 */
export function refuse(res: ServerResponse, refusal: Refusal, code = -32000): void {
  const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message: refusal.message } });
  res.writeHead(refusal.status, {
    'Content-Type': 'application/json',
    Connection: 'close',
    ...refusal.headers,
  });
  res.end(body);
}

/** Bytes of an unwanted body we read and discard (so the client sees our answer) before cutting the connection. */
const DISCARD_LIMIT = 1024 * 1024;

/** Discards the rest of a refused request's body, dropping the connection if it goes on and on. */
export function discard(req: IncomingMessage): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT) req.socket.destroy();
  });
  req.resume();
}

/** Reads the body, counting bytes; resolves undefined (after answering 413) when it exceeds the cap. */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        refuse(res, tooLarge(maxBytes));
        discard(req);
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}
