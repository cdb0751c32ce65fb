/**
 * Reads one `.brum.toml` into a validated layer. A layer is all-or-nothing: any syntax or validation
 * problem throws before the caller merges anything, and the error lists every problem in the file.
 */
import {
  FileTooLargeError,
  MAX_CONFIG_FILE_BYTES,
  describeTooLarge,
  readFileBounded,
} from '../read-bounded.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse, TomlError } from 'smol-toml';
import { BrumError } from '../errors.js';
import { formatIssues } from './issues.js';
import { fileSchema } from './schema.js';
import type { FileConfig, ProcessTable } from './schema.js';

/** One file's validated settings, with paths already absolute. */
export interface ConfigLayer {
  readonly file: string;
  readonly data: FileConfig;
}

/** Reads the text of a config file; undefined when it does not exist. */
function readText(file: string): string | undefined {
  try {
    return readFileBounded(file, MAX_CONFIG_FILE_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new BrumError('INVALID_CONFIG', `${describeTooLarge(error, 'a config file')}`, {
        details: { file, size: error.size, maxBytes: error.maxBytes },
      });
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new BrumError('INVALID_CONFIG', `${file}: cannot read the file (${code ?? String(error)})`, {
      cause: error,
    });
  }
}

function parseToml(file: string, text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]?.replace(/^Invalid TOML document: /, '') ?? 'invalid TOML';
      throw new BrumError(
        'INVALID_CONFIG',
        `${file}:${error.line}:${error.column}: invalid TOML: ${reason}`,
        // No `cause`: smol-toml's full message quotes the offending line, value included.
        { details: { file, line: error.line, column: error.column } },
      );
    }
    throw error;
  }
}

function resolvePath(path: string, baseDir: string, homeDir: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homeDir, path.slice(1));
  return isAbsolute(path) ? resolve(path) : resolve(baseDir, path);
}

function resolveTablePaths<T extends ProcessTable>(table: T, baseDir: string, homeDir: string): T {
  return {
    ...table,
    ...(table.cwd === undefined ? {} : { cwd: resolvePath(table.cwd, baseDir, homeDir) }),
    ...(table.env_file === undefined
      ? {}
      : { env_file: table.env_file.map((p) => resolvePath(p, baseDir, homeDir)) }),
  };
}

function mapValues<T>(
  record: Record<string, T> | undefined,
  fn: (value: T) => T,
): Record<string, T> | undefined {
  if (record === undefined) return undefined;
  const out: Record<string, T> = Object.create(null) as Record<string, T>;
  for (const [key, value] of Object.entries(record)) out[key] = fn(value);
  return out;
}

/**
 * Reads, parses and validates `file`. Returns undefined when the file does not exist; throws
 * BrumError('INVALID_CONFIG') naming the file, line:column or key path, and the expected form.
 */
export function readLayer(file: string, homeDir: string): ConfigLayer | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const input = parseToml(file, text);
  const result = fileSchema.safeParse(input);
  if (!result.success) {
    const problems = formatIssues(file, result.error.issues, input);
    const message =
      problems.length === 1
        ? problems[0]!
        : `${file}: ${problems.length} problems:\n  ${problems.join('\n  ')}`;
    throw new BrumError('INVALID_CONFIG', message, { cause: result.error, details: { file, problems } });
  }
  const baseDir = dirname(file);
  const data: FileConfig = {
    ...result.data,
    scripts: mapValues(result.data.scripts, (t) => resolveTablePaths(t, baseDir, homeDir)),
    commands: mapValues(result.data.commands, (t) => resolveTablePaths(t, baseDir, homeDir)),
    ...(result.data.browser?.executable === undefined
      ? {}
      : {
          browser: {
            ...result.data.browser,
            executable: resolvePath(result.data.browser.executable, baseDir, homeDir),
          },
        }),
  };
  return { file, data };
}
