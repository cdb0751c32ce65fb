/**
 * Chooses how the configuration is loaded. With no `.brum.toml` anywhere on the way there is no file
 * to parse or validate: the defaults and the command-line options (checked by `flag-checks.ts`, which
 * needs no library) are assembled without loading the TOML parser or zod (~14 MB of memory and ~0.1 s
 * of start-up for every `brum run`, `-p 4000` and `--no-mcp` included). Otherwise the full loader is
 * imported and does everything it always did. Either way the result, or the error, is the same as
 * `loadConfig`'s for that input (`config-loader.test.ts`).
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { assembleConfig } from '../core/config/assemble.js';
import { anyConfigFile, DEFAULT_FLAG_NAMES, type LoadConfigOptions } from '../core/config/files.js';
import { checkFlags } from '../core/config/flag-checks.js';
import type { LoadedConfig } from '../core/config/types.js';

/** Loads the configuration for one project (synchronously: the engine is built in one step). */
export type ConfigLoader = (options: LoadConfigOptions) => LoadedConfig;

/** The loader for `projectDir`: the full one only when there is a file to load. */
export async function configLoaderFor(
  projectDir: string,
  homeDir: string = homedir(),
): Promise<ConfigLoader> {
  if (anyConfigFile(resolve(projectDir), homeDir)) return fullLoader();
  return defaultsOnly;
}

/** The loader that reads and validates files and flags (TOML parser, zod). */
export async function fullLoader(): Promise<ConfigLoader> {
  return (await import('../core/config/load.js')).loadConfig;
}

/** No file: what `loadConfig` returns for zero layers and these flags. */
function defaultsOnly({ flags = {}, proxyFlags = {}, flagNames }: LoadConfigOptions): LoadedConfig {
  const names = { ...DEFAULT_FLAG_NAMES, ...flagNames };
  return assembleConfig([], checkFlags(flags, names), proxyFlags, names);
}
