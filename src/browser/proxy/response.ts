/**
 * What the proxy sends back for one upstream response: the upstream's bytes untouched, or — for a
 * top-level HTML document — the same document with the page client's tag in its head (decoded from
 * gzip, deflate or brotli and sent as identity, so Content-Length/Content-Encoding stay true).
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { pipeline, Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { cspVerdict } from './csp.js';
import { rewriteEtag } from './etag.js';
import { HeadInjector } from './inject.js';

/** Never forwarded: they describe one connection, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/** Headers that describe the upstream's exact bytes: dropped when the body is rewritten. */
const BODY_HEADERS = new Set(['content-length', 'content-encoding', 'content-md5', 'digest', 'repr-digest']);

const DECODABLE = new Set(['', 'identity', 'gzip', 'x-gzip', 'deflate', 'br']);

/** `Accept-Encoding` for a navigation: only what brum can decode (the rest would pass uninjected). */
export function decodableAcceptEncoding(value: string | undefined): string {
  const kept = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => DECODABLE.has(part.split(';')[0]!.trim().toLowerCase()));
  return kept.length > 0 ? kept.join(', ') : 'identity';
}

/** Is this request a top-level navigation whose HTML answer gets the client? */
export function isDocumentRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const dest = req.headers['sec-fetch-dest'];
  if (typeof dest === 'string') return dest === 'document';
  return (req.headers.accept ?? '').includes('text/html');
}

export function forwardedHeaders(proxyRes: IncomingMessage, drop?: ReadonlySet<string>): OutgoingHttpHeaders {
  const named = new Set(
    String(proxyRes.headers.connection ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase()),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(proxyRes.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || drop?.has(name)) continue;
    out[name] = value;
  }
  return out;
}

export interface DocumentOptions {
  /** The tag to insert, with the page's nonce when its CSP has one. */
  readonly tag: (nonce?: string) => string;
  readonly etagSuffix: string;
  /** The proxy's own origin (the page's origin, what `'self'` means). */
  readonly origin: URL;
}

/** Told as soon as it is known (before the body ends), so the request record has it. */
export interface DocumentListener {
  /** Every body byte sent. */
  count(bytes: number): void;
  /** Whether the tag goes in; when not, why (`warning`) if it was an HTML document. */
  decided(injected: boolean, warning?: string): void;
  /** The body is finished or failed. */
  done(error?: Error): void;
}

/** Larger than zlib's 16 KiB default: a quarter of the writes to the browser for a big page. */
const DECODE_CHUNK = 64 * 1024;

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ chunkSize: DECODE_CHUNK });
    case 'deflate':
      // `deflate` is meant to be zlib-wrapped; some servers send raw deflate. unzip-like sniffing:
      return new RawOrZlibInflate();
    case 'br':
      return zlib.createBrotliDecompress({ chunkSize: DECODE_CHUNK });
    default:
      return undefined;
  }
}

/** Inflates zlib-wrapped or raw deflate, decided by the first byte (0x78 is zlib's CMF for deflate/32K). */
class RawOrZlibInflate extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | undefined;
  override _transform(chunk: Buffer, _e: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (!this.#inner) {
      this.#inner =
        (chunk[0]! & 0x0f) === 8
          ? zlib.createInflate({ chunkSize: DECODE_CHUNK })
          : zlib.createInflateRaw({ chunkSize: DECODE_CHUNK });
      this.#inner.on('data', (data: Buffer) => this.push(data));
      this.#inner.on('error', (error) => this.destroy(error));
    }
    this.#inner.write(chunk, () => callback());
  }
  override _flush(callback: (error?: Error | null) => void): void {
    if (!this.#inner) return callback();
    this.#inner.once('end', () => callback());
    this.#inner.end();
  }
}

/**
 * Sends a document response: injected when it is a 2xx HTML answer brum can decode and the page's
 * CSP lets the client run; otherwise untouched (with the reason as a warning).
 */
export function sendDocument(
  proxyRes: IncomingMessage,
  res: ServerResponse,
  options: DocumentOptions,
  listener: DocumentListener,
): void {
  const status = proxyRes.statusCode ?? 502;
  const type = String(proxyRes.headers['content-type'] ?? '').toLowerCase();
  const encoding = String(proxyRes.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  const html =
    status >= 200 && status < 300 && status !== 204 && status !== 206 && type.startsWith('text/html');
  let warning: string | undefined;
  let nonce: string | undefined;
  if (html) {
    const verdict = cspVerdict(proxyRes.headers['content-security-policy'], options.origin);
    if (!verdict.allowed) warning = verdict.reason;
    else nonce = verdict.nonce;
    if (!DECODABLE.has(encoding))
      warning = `Content-Encoding "${encoding}" is not one brum decodes (gzip, deflate, br): the page client was not injected`;
    else if (/\bno-transform\b/i.test(String(proxyRes.headers['cache-control'] ?? '')))
      warning = 'Cache-Control: no-transform: the page client was not injected';
  }
  if (!html || warning !== undefined) {
    const headers = forwardedHeaders(proxyRes);
    if (status === 304 && typeof headers.etag === 'string')
      headers.etag = rewriteEtag(headers.etag, options.etagSuffix);
    listener.decided(false, warning);
    res.writeHead(status, proxyRes.statusMessage, headers);
    proxyRes.on('data', (chunk: Buffer) => listener.count(chunk.length));
    pipeline(proxyRes, res, (error) => listener.done(error ?? undefined));
    return;
  }
  const headers = forwardedHeaders(proxyRes, BODY_HEADERS);
  if (typeof headers.etag === 'string') headers.etag = rewriteEtag(headers.etag, options.etagSuffix);
  res.writeHead(status, proxyRes.statusMessage, headers);
  listener.decided(true);
  const injector = new HeadInjector(options.tag(nonce));
  injector.on('data', (chunk: Buffer) => listener.count(chunk.length));
  const decoder = decoderFor(encoding);
  const finish = (error: Error | null): void => listener.done(error ?? undefined);
  if (decoder) pipeline(proxyRes, decoder, injector, res, finish);
  else pipeline(proxyRes, injector, res, finish);
}
