/**
 * Where the MCP bearer token comes from: `--token-file <path>`, `--token <token>` (visible to every
 * user in `ps`: accepted with a warning, and masked in brum's process title once it runs), or the
 * `BRUM_TOKEN` environment variable — which brum removes from its own environment at start, so no
 * child process inherits it. None of them: the HTTP server makes a random one per start.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { BrumError } from '../core/errors.js';

/** The environment variable a token may be given in (never passed on to a child). */
export const TOKEN_ENV = 'BRUM_TOKEN';
const MAX_TOKEN_FILE_BYTES = 4096;

/** Reads and removes `BRUM_TOKEN` from this process's environment (children spawn from it). */
export function takeEnvToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[TOKEN_ENV];
  delete env[TOKEN_ENV];
  return value === '' ? undefined : value;
}

export interface TokenSources {
  readonly flag?: string;
  readonly file?: string;
  readonly env?: string;
}

export interface TokenChoice {
  /** Undefined: let the server make a random one. */
  readonly token?: string;
  /** Lines for stderr (each starts with `brum: warning:`). */
  readonly warnings: readonly string[];
}

/** The token file's first line; a clear BrumError when it is missing, not a file, empty or huge. */
function readTokenFile(file: string): { token: string; warnings: string[] } {
  const fail = (why: string, cause?: unknown): never => {
    throw new BrumError('INVALID_ARGUMENT', `--token-file ${file}: ${why}`, { cause });
  };
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code})`, error);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail('not a regular file');
    if (st.size > MAX_TOKEN_FILE_BYTES) fail(`larger than ${MAX_TOKEN_FILE_BYTES} bytes; is it a token?`);
    const buffer = Buffer.alloc(st.size);
    const n = readSync(fd, buffer, 0, st.size, 0);
    const token = buffer.subarray(0, n).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
    if (token === '') fail('the file is empty');
    const warnings =
      (st.mode & 0o077) !== 0
        ? [
            `brum: warning: the token file ${file} can be read by other users (mode 0${(st.mode & 0o777).toString(8)}); run chmod 600 on it`,
          ]
        : [];
    return { token, warnings };
  } finally {
    closeSync(fd);
  }
}

/** Picks the token from the given sources; throws a BrumError naming the fix for a bad one. */
export function chooseToken(
  sources: TokenSources,
  validate: (token: string) => string | undefined,
): TokenChoice {
  if (sources.flag !== undefined && sources.file !== undefined) {
    throw new BrumError(
      'INVALID_ARGUMENT',
      'give the MCP token either with --token or with --token-file, not both',
    );
  }
  const warnings: string[] = [];
  let token: string | undefined;
  let origin: string;
  if (sources.file !== undefined) {
    const read = readTokenFile(sources.file);
    token = read.token;
    warnings.push(...read.warnings);
    origin = `--token-file ${sources.file}`;
  } else if (sources.flag !== undefined) {
    token = sources.flag;
    warnings.push(
      `brum: warning: --token puts the token on the command line, where every user of this machine can read it (ps); give it in ${TOKEN_ENV} or with --token-file <path> instead`,
    );
    origin = '--token';
  } else {
    token = sources.env;
    origin = TOKEN_ENV;
  }
  if (token === undefined) return { warnings };
  const problem = validate(token);
  if (problem) throw new BrumError('INVALID_ARGUMENT', `${problem} (from ${origin})`);
  return { token, warnings };
}

/** Replaces the token in the process title (what `ps` shows from now on) with `***`. */
export function maskTokenInTitle(argv: readonly string[], token: string): void {
  try {
    process.title = argv.map((a) => (a === token ? '***' : a.replace(token, '***'))).join(' ');
  } catch {
    // Not supported here: the warning already told the user.
  }
}
