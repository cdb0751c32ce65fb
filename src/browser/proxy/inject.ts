/**
 * Where the page client goes: as the first thing in `<head>`, before any script of the page, so it
 * sees the page's earliest errors. The document streams through; only its first bytes are held back
 * until the insertion point is known (at most `MAX_HOLD_BYTES`), so streamed SSR pages stay streamed.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** Past this much prologue (comments, doctype) without a tag, the tag goes in where the bytes end. */
export const MAX_HOLD_BYTES = 64 * 1024;

export type Insertion =
  /** Insert `tag` at `at`; `wrap`: no `<head>` start tag, so the tag comes in a head of its own. */
  | { readonly at: number; readonly wrap: boolean }
  /** More bytes are needed to decide. */
  | undefined;

/**
 * Finds the insertion point in the document's first bytes (as latin1 text, so offsets are byte
 * offsets; tag names are ASCII in every ASCII-compatible encoding). Skips a BOM, whitespace, comments,
 * the doctype, processing instructions and the `<html>` start tag; then after a `<head>` start tag, or
 * before whatever comes first (a new head around the tag). `final`: no more bytes will come.
 */
export function findInsertion(text: string, final: boolean): Insertion {
  let i = text.startsWith('\u00ef\u00bb\u00bf') ? 3 : 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) return final ? { at: i, wrap: true } : undefined;
    if (text[i] !== '<') return { at: i, wrap: true };
    if (text.length - i < 6 && !final) return undefined; // `<head>` / `<!--` not yet decidable
    const rest = text.slice(i, i + 6).toLowerCase();
    let end: number;
    if (rest.startsWith('<!--')) {
      end = text.indexOf('-->', i + 4);
      if (end === -1) return final ? { at: i, wrap: true } : undefined;
      i = end + 3;
      continue;
    }
    const isHead = /^<head[\s>/]/.test(rest);
    const isSkipped = rest.startsWith('<!') || rest.startsWith('<?') || /^<html[\s>/]/.test(rest);
    if (!isHead && !isSkipped) return { at: i, wrap: true };
    end = text.indexOf('>', i);
    if (end === -1) return final ? { at: i, wrap: true } : undefined;
    if (isHead) return { at: end + 1, wrap: false };
    i = end + 1;
  }
}

/** The `<script>` tag (HTML-attribute-escaped values). */
export function clientTag(src: string, nonce?: string): string {
  const attr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<script src="${attr(src)}"${nonce === undefined ? '' : ` nonce="${attr(nonce)}"`} data-brum-client></script>`;
}

/** A stream that inserts `tag` at the insertion point and passes everything else through unchanged. */
export class HeadInjector extends Transform {
  #held: Buffer[] = [];
  #heldBytes = 0;
  #done = false;

  constructor(private readonly tag: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#done) return callback(null, chunk);
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    this.#tryInsert(this.#heldBytes >= MAX_HOLD_BYTES);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#done) this.#tryInsert(true);
    callback();
  }

  #tryInsert(final: boolean): void {
    const held = this.#held.length === 1 ? this.#held[0]! : Buffer.concat(this.#held);
    const where = findInsertion(held.toString('latin1'), final);
    if (where === undefined) {
      this.#held = [held];
      return;
    }
    const tag = where.wrap ? `<head>${this.tag}</head>` : this.tag;
    this.push(held.subarray(0, where.at));
    this.push(Buffer.from(tag));
    if (where.at < held.length) this.push(held.subarray(where.at));
    this.#held = [];
    this.#done = true;
  }
}
