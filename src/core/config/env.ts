/**
 * The environment a process starts with. Precedence, lowest to highest:
 *
 *   1. the environment brum itself was started with (`baseEnv`),
 *   2. the project's `.env` file, when there is one,
 *   3. each `env_file` of the script or command, in the order listed,
 *   4. the `env` table of the script or command.
 *
 * Files are parsed with dotenv's `parse`, which does not expand `$VAR` references; values are used
 * exactly as written.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Dotenv from 'dotenv';
import { BrumError, describeResourceError } from '../errors.js';
import { FileTooLargeError, MAX_ENV_FILE_BYTES, describeTooLarge, readFileBounded } from '../read-bounded.js';
import type { ProcessConfig } from './types.js';

/** dotenv is loaded when a process first has an env file to read (it is not needed otherwise). */
const requireLazily = createRequire(import.meta.url);
let dotenv: typeof Dotenv | undefined;

function parse(text: string | Buffer): Record<string, string> {
  return (dotenv ??= requireLazily('dotenv') as typeof Dotenv).parse(text);
}

/** Source label of variables inherited from brum's own environment. */
export const INHERITED_SOURCE = 'environment';
/** Source label of variables set by the `env` table. */
export const ENV_TABLE_SOURCE = 'env table';

export interface ResolveEnvOptions {
  readonly projectDir: string;
  readonly processConfig: Pick<ProcessConfig, 'env' | 'envFile'>;
  /** Default: `process.env`. Undefined values are skipped. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
  /** The script or command the environment is for, named in errors. */
  readonly name?: string;
}

export interface ResolvedEnv {
  readonly env: Record<string, string>;
  /** For each variable, where its value came from: `environment`, a file path, or `env table`. */
  readonly sources: Record<string, string>;
}

function readEnvFile(file: string, required: boolean, name: string | undefined): Record<string, string> {
  let text: Buffer;
  try {
    text = readFileBounded(file, MAX_ENV_FILE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && code === 'ENOENT') return {};
    const resource = describeResourceError(code);
    if (resource) {
      const what = name === undefined ? '' : ` for "${name}"`;
      throw new BrumError('RESOURCE_EXHAUSTED', `cannot read ${file}${what}: ${resource}`, {
        cause: error,
        details: { file, ...(name === undefined ? {} : { name }) },
      });
    }
    const owner = name === undefined ? '' : ` (env_file of "${name}")`;
    if (error instanceof FileTooLargeError) {
      throw new BrumError('INVALID_CONFIG', `env file ${describeTooLarge(error, 'env files')}${owner}`, {
        details: {
          file,
          size: error.size,
          maxBytes: error.maxBytes,
          ...(name === undefined ? {} : { name }),
        },
      });
    }
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new BrumError('INVALID_CONFIG', `env file ${file}${owner} ${why}`, {
      cause: error,
      details: { file, ...(name === undefined ? {} : { name }) },
    });
  }
  return parse(text);
}

/** Computes the environment for one process; throws BrumError('INVALID_CONFIG') for a missing env_file. */
export function resolveEnv({
  projectDir,
  processConfig,
  baseEnv = process.env,
  name,
}: ResolveEnvOptions): ResolvedEnv {
  // Null-prototype maps: a variable called `__proto__` is just a variable.
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  const sources: Record<string, string> = Object.create(null) as Record<string, string>;
  const apply = (values: Readonly<Record<string, string | undefined>>, source: string): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      env[key] = value;
      sources[key] = source;
    }
  };
  apply(baseEnv, INHERITED_SOURCE);
  const dotEnv = join(projectDir, '.env');
  apply(readEnvFile(dotEnv, false, name), dotEnv);
  for (const file of processConfig.envFile) apply(readEnvFile(file, true, name), file);
  apply(processConfig.env, ENV_TABLE_SOURCE);
  return { env: { ...env }, sources: { ...sources } };
}
