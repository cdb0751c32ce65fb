import { isAbsolute, resolve } from 'node:path';
import type { ErrorRecord } from '../../core/detect/types.js';
import { pathFromFileUrl } from '../../core/file-url.js';
import { formatLocation } from './format.js';

/** The text copied for an error: headline, location, stack — what one would paste into an issue or chat. */
export function errorToText(error: ErrorRecord): string {
  const head = `${error.kind}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  const where = formatLocation(error);
  return [head, where ? `  at ${where}` : undefined, ...error.stack.map((s) => `  ${s}`)]
    .filter((l): l is string => l !== undefined)
    .join('\n');
}

/** The error's file as an absolute path, resolved against the directory its process ran in. */
export function errorFilePath(error: ErrorRecord, cwd: string): string | undefined {
  if (!error.file) return undefined;
  const file = pathFromFileUrl(error.file);
  return isAbsolute(file) ? file : resolve(cwd, file);
}
