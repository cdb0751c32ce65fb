/**
 * Reading a file the user controls without letting its size decide brum's memory and time: a 7 MB
 * `.brum.toml` once took 8.7 s and 717 MB to parse. The size is checked before reading (fstat) and
 * while reading (a FIFO or `/dev/zero` has no size), so at most `maxBytes + 1` bytes are ever read.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Largest `.brum.toml`. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Largest env file (`.env`, `env_file`). */
export const MAX_ENV_FILE_BYTES = 1024 * 1024;
/** Largest package.json (and pnpm-workspace.yaml). */
export const MAX_PACKAGE_JSON_BYTES = 10 * 1024 * 1024;

const CHUNK_BYTES = 256 * 1024;

/** Thrown when a file is larger than its limit; the caller turns it into its own error. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
  constructor(
    readonly file: string,
    /** The file's size, or `maxBytes + 1` ("more than") when it has no known size. */
    readonly size: number,
    readonly maxBytes: number,
    readonly sizeKnown: boolean,
  ) {
    super(`${file} is too large`);
  }
}

/** `1.5 MiB`, `512 KiB`, `900 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** `<file> is 7.3 MiB (7654321 bytes); brum reads <what> of at most 1 MiB`. */
export function describeTooLarge(error: FileTooLargeError, what: string): string {
  const size = error.sizeKnown
    ? `${formatSize(error.size)} (${error.size} bytes)`
    : `larger than ${formatSize(error.maxBytes)}`;
  return `${error.file} is ${size}; brum reads ${what} of at most ${formatSize(error.maxBytes)}`;
}

/**
 * The bytes of `file`, at most `maxBytes`. Throws FileTooLargeError beyond that, and the usual
 * system errors (ENOENT, EACCES, EISDIR...) as `readFileSync` would.
 */
export function readFileBounded(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw new FileTooLargeError(file, stat.size, maxBytes, true);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // total <= maxBytes here, so every chunk has room for at least the one byte too many.
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FileTooLargeError(file, total, maxBytes, false);
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
