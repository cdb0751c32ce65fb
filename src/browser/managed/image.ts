/**
 * Image sizes from file headers (PNG, JPEG, WebP), and the downscaled copy of a screenshot that
 * may go inline in a response — encoded by the managed Chromium itself (`createImageBitmap` with a
 * resize, then an `OffscreenCanvas`), so brum needs no native image library.
 */
import type { Page } from 'playwright-core';
import type { ImageFormat } from '../../core/browser/types.js';

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** Width and height from a PNG, JPEG or WebP header; undefined when the data is none of those. */
export function imageSize(data: Buffer): ImageSize | undefined {
  // PNG: signature, then the IHDR chunk (width, height as big-endian u32 at 16 and 20).
  if (
    data.length >= 24 &&
    data.readUInt32BE(0) === 0x89504e47 &&
    data.toString('latin1', 12, 16) === 'IHDR'
  ) {
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  // JPEG: walk the segments to a start-of-frame marker.
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < data.length) {
      if (data[offset] !== 0xff) return undefined;
      const marker = data[offset + 1]!;
      const length = data.readUInt16BE(offset + 2);
      const isFrame =
        marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isFrame) return { height: data.readUInt16BE(offset + 5), width: data.readUInt16BE(offset + 7) };
      offset += 2 + length;
    }
    return undefined;
  }
  // WebP (RIFF): lossy VP8, lossless VP8L or extended VP8X.
  if (
    data.length >= 30 &&
    data.toString('latin1', 0, 4) === 'RIFF' &&
    data.toString('latin1', 8, 12) === 'WEBP'
  ) {
    const chunk = data.toString('latin1', 12, 16);
    if (chunk === 'VP8 ')
      return { width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = data.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1 };
  }
  return undefined;
}

export const INLINE_MAX_WIDTH = 1280;
/** Models refuse larger images; a tall full-page shot is scaled to fit. */
export const INLINE_MAX_HEIGHT = 8000;
export const INLINE_MAX_BYTES = 500 * 1024;

/** An image this size may go inline as it is. */
export function fitsInline(size: ImageSize, bytes: number): boolean {
  return size.width <= INLINE_MAX_WIDTH && size.height <= INLINE_MAX_HEIGHT && bytes <= INLINE_MAX_BYTES;
}

export interface InlineImage {
  readonly data: string;
  readonly mimeType: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
}

interface EncodeArgs {
  readonly source: string;
  readonly width: number;
  readonly height: number;
  readonly mimeType: string;
  readonly quality: number;
}

/**
 * Runs in the page (kept as source text: brum is compiled without the DOM's types). Decodes the
 * base64 image, resizes it while decoding, paints it on a white canvas and encodes it again.
 */
const ENCODE_IN_PAGE = `async ({ source, width, height, mimeType, quality }) => {
  const bytes = Uint8Array.from(atob(source), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes]), { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  const blob = await canvas.convertToBlob({ type: mimeType, quality });
  const out = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < out.length; i += 0x8000) binary += String.fromCharCode(...out.subarray(i, i + 0x8000));
  return btoa(binary);
}`;

/** Sizes and qualities tried in order until one fits `INLINE_MAX_BYTES`. */
const ATTEMPTS: readonly { readonly scale: number; readonly quality: number }[] = [
  { scale: 1, quality: 0.8 },
  { scale: 1, quality: 0.6 },
  { scale: 0.75, quality: 0.6 },
  { scale: 0.5, quality: 0.55 },
];

/**
 * A copy of `image` at most 1280 px wide (and 8000 px tall) and at most ~500 KB, as JPEG or WebP,
 * encoded in `page` (a blank page of the managed browser). Undefined with the reason when even the
 * smallest attempt is over the byte cap.
 */
export async function downscaleForInline(
  page: Page,
  image: Buffer,
  size: ImageSize,
  format: ImageFormat,
): Promise<{ image?: InlineImage; omitted?: string }> {
  const mimeType = format === 'webp' ? 'image/webp' : 'image/jpeg';
  const fit = Math.min(1, INLINE_MAX_WIDTH / size.width, INLINE_MAX_HEIGHT / size.height);
  const source = image.toString('base64');
  let smallest = Infinity;
  for (const attempt of ATTEMPTS) {
    const width = Math.max(1, Math.round(size.width * fit * attempt.scale));
    const height = Math.max(1, Math.round(size.height * fit * attempt.scale));
    const args: EncodeArgs = { source, width, height, mimeType, quality: attempt.quality };
    // An expression calling the function with its argument (a string passed alone would only be evaluated).
    const data: unknown = await page.evaluate(`(${ENCODE_IN_PAGE})(${JSON.stringify(args)})`);
    if (typeof data !== 'string') throw new Error('the browser did not return an encoded image');
    const bytes = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
    if (bytes <= INLINE_MAX_BYTES) return { image: { data, mimeType, width, height, bytes } };
    smallest = Math.min(smallest, bytes);
  }
  return {
    omitted: `too large to inline even downscaled (${Math.round(smallest / 1024)} KB > ${INLINE_MAX_BYTES / 1024} KB); open the saved file`,
  };
}
