import { statSync } from 'node:fs';
import { join } from 'node:path';
import { BrumError } from '../errors.js';
import {
  FileTooLargeError,
  MAX_PACKAGE_JSON_BYTES,
  describeTooLarge,
  readFileBounded,
} from '../read-bounded.js';
import { describeJsonError, locateJsonError } from './json-position.js';

/** A parsed package.json: an object whose fields are checked where they are used. */
export type PackageJson = Readonly<Record<string, unknown>>;

/**
 * Reads `<dir>/package.json`.
 * Throws `NO_PACKAGE_JSON` when the directory or file is missing, `INVALID_PACKAGE_JSON` when it cannot
 * be read as a JSON object (the message names the file and the line and column of the problem).
 */
export function readPackageJson(dir: string): PackageJson {
  const file = join(dir, 'package.json');
  let text: string;
  try {
    text = readFileBounded(file, MAX_PACKAGE_JSON_BYTES).toString('utf8');
  } catch (cause) {
    if (cause instanceof FileTooLargeError) {
      throw new BrumError('INVALID_PACKAGE_JSON', `${describeTooLarge(cause, 'a package.json')}.`, {
        details: { file, size: cause.size, maxBytes: cause.maxBytes },
      });
    }
    throw missingOrUnreadable(dir, file, cause);
  }
  return parsePackageJson(text, file);
}

/** Parses package.json text; `file` is only used in messages. */
export function parsePackageJson(text: string, file: string): PackageJson {
  // npm tolerates a UTF-8 byte order mark, and editors on Windows like to write one.
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const where = locateJsonError(source, message);
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    throw new BrumError(
      'INVALID_PACKAGE_JSON',
      `${file} is not valid JSON${at}: ${describeJsonError(message)}. Fix the file and try again.`,
      { cause, details: { file, ...(where && { line: where.line, column: where.column }) } },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new BrumError('INVALID_PACKAGE_JSON', `${file} must contain a JSON object, but it holds ${got}.`, {
      details: { file },
    });
  }
  return value as PackageJson;
}

/**
 * The string scripts of a package.json, in file order. Anything else is skipped with a warning: a
 * `scripts` field that is not an object, or an entry whose command is not a string.
 */
export function readScripts(pkg: PackageJson, file: string, warnings: string[]): [string, string][] {
  const scripts = pkg['scripts'];
  if (scripts === undefined) return [];
  if (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts)) {
    warnings.push(
      `${file}: "scripts" should be an object of strings, but it is ${kindOf(scripts)}; ignored.`,
    );
    return [];
  }
  const result: [string, string][] = [];
  for (const [name, command] of Object.entries(scripts)) {
    if (typeof command === 'string') result.push([name, command]);
    else
      warnings.push(`${file}: script "${name}" should be a string, but it is ${kindOf(command)}; skipped.`);
  }
  return result;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function missingOrUnreadable(dir: string, file: string, cause: unknown): BrumError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ENOENT' && code !== 'ENOTDIR') {
    return new BrumError('INVALID_PACKAGE_JSON', `Cannot read ${file}: ${(cause as Error).message}.`, {
      cause,
      details: { file },
    });
  }
  const dirExists = isDirectory(dir);
  const problem = dirExists ? `No package.json in ${dir}` : `The directory ${dir} does not exist`;
  return new BrumError(
    'NO_PACKAGE_JSON',
    `${problem}. Run brum in a project folder, or point it at one with --dir <path>.`,
    { cause, details: { dir, file } },
  );
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
