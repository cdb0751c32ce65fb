/** Small helpers shared by parsers to read file:line:col locations. */
import { pathFromFileUrl } from '../../file-url.js';

export interface Location {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** `file:///a/my%20app/b.js` → `/a/my app/b.js`; everything else unchanged. */
export function cleanPath(path: string): string {
  return pathFromFileUrl(path);
}

const TRAILING_LOC = /^(.*?):(\d+)(?::(\d+))?$/;

/** Splits `path:line[:col]` (the whole string). */
export function splitLocation(text: string): Location | undefined {
  const m = TRAILING_LOC.exec(text.trim());
  if (!m || !m[1]) return undefined;
  return { file: cleanPath(m[1]), line: Number(m[2]), column: m[3] ? Number(m[3]) : undefined };
}

const V8_FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/** True for frames that are not the user's code: Node internals, dependencies, anonymous natives. */
export function isLibraryPath(path: string): boolean {
  return (
    path.startsWith('node:') || path.includes('node_modules') || path.startsWith('<') || path === 'native'
  );
}

/** Location of a V8 `    at fn (file:l:c)` / `    at file:l:c` frame, or undefined. */
export function parseV8Frame(text: string): Location | undefined {
  const m = V8_FRAME.exec(text);
  if (!m || !m[1]) return undefined;
  return { file: cleanPath(m[1]), line: Number(m[2]), column: Number(m[3]) };
}

/** The first frame that points into the user's code. */
export function firstUserFrame(frames: readonly string[]): Location | undefined {
  for (const frame of frames) {
    const loc = parseV8Frame(frame);
    if (loc && !isLibraryPath(loc.file)) return loc;
  }
  return undefined;
}
