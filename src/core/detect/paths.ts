/**
 * One key per file across tools (issue 11, paths): a record's `file` is relative to the project root
 * when the file is inside it, absolute otherwise, resolved against the working directory of the
 * process that printed it (tsc prints `src/App.tsx` relative to its folder, Vite and Node absolute
 * paths, a workspace script paths relative to its package). Separators are `/`.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathFromFileUrl } from '../file-url.js';

/** Where a process's paths are resolved: the project root and the process's working directory. */
export interface PathContext {
  readonly root: string;
  /** The working directory of a process (undefined: the root). */
  readonly cwdOf: (processId: string) => string | undefined;
}

/** Paths that name no file on disk (`<anonymous>`, `node:fs`, `[eval]`, webpack's `webpack://…`). */
function isPseudoPath(file: string): boolean {
  return file.startsWith('<') || file.startsWith('[') || /^[a-z][\w+.-]*:(?!\\)/i.test(file);
}

const toPosix = sep === '/' ? (p: string) => p : (p: string) => p.split(sep).join('/');

/**
 * What makes `path.resolve`/`relative` do more than join or cut: a `.`/`..` segment, a doubled or trailing
 * `/`, a backslash, a `:` (URLs, `node:` ids, drive letters). A file name without them needs no path
 * arithmetic.
 */
const NEEDS_PATH_MODULE = /[:\\]|\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/;

/**
 * `projectRelative(file, cwd, root)` by string operations, for the common names: a plain relative name
 * from a process inside the project (`scope` is its folder relative to the root, `apps/web/` or '', see
 * `scopeOf`), or a plain absolute name inside the root. Undefined when only the full function can tell.
 * Error storms name thousands of distinct files; this keeps each at a few hundred nanoseconds.
 */
export function projectRelativeFast(
  file: string,
  scope: string | undefined,
  root: string,
): string | undefined {
  if (sep !== '/' || file.length === 0 || NEEDS_PATH_MODULE.test(file)) return undefined;
  const c = file.charCodeAt(0);
  if (c === 0x2f /* / */) {
    if (root.length <= 1 || file === root) return undefined;
    const under =
      file.length > root.length + 1 && file.charCodeAt(root.length) === 0x2f && file.startsWith(root);
    return under ? file.slice(root.length + 1) : file; // outside the root: the absolute path as it is
  }
  if (c === 0x3c /* < */ || c === 0x5b /* [ */ || scope === undefined || scope.startsWith('/'))
    return undefined;
  return scope + file;
}

/** `file` as the key described above; unchanged when it names no file on disk. */
export function projectRelative(file: string, cwd: string, root: string): string {
  const path = pathFromFileUrl(file);
  if (path === '' || isPseudoPath(path)) return file;
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const rel = relative(root, absolute);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return toPosix(absolute);
  return toPosix(rel);
}

/**
 * Where a process's own files are, relative to the root (`apps/web/`), or '' for the root itself, or
 * undefined when its folder is outside the project.
 */
export function scopeOf(cwd: string, root: string): string | undefined {
  const rel = relative(root, cwd);
  if (rel === '') return '';
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return `${toPosix(rel)}/`;
}
