/**
 * Chooses how the configuration is loaded. With no `.brum.toml` anywhere on the way and no option on
 * the command line there is nothing to parse or validate: the defaults are assembled without loading
 * the TOML parser or zod (~14 MB of memory and ~0.1 s of start-up for every `brum run`). Otherwise the
 * full loader is imported and does everything it always did. Either way the result is the same object
 * `loadConfig` returns for that input (`config-loader.test.ts`).
 */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { assembleConfig } from '../core/config/assemble.js';
import {
  anyConfigFile,
  anyConfigFlag,
  DEFAULT_FLAG_NAMES,
  type LoadConfigOptions,
} from '../core/config/files.js';
import type { LoadedConfig } from '../core/config/types.js';

/** Loads the configuration for one project (synchronously: the engine is built in one step). */
export type ConfigLoader = (options: LoadConfigOptions) => LoadedConfig;

/** The loader for `projectDir` with these flags: the full one only when there is something to load. */
export async function configLoaderFor(
  projectDir: string,
  flags: LoadConfigOptions['flags'] = {},
  homeDir: string = homedir(),
): Promise<ConfigLoader> {
  if (anyConfigFlag(flags) || anyConfigFile(resolve(projectDir), homeDir)) return fullLoader();
  return defaultsOnly;
}

/** The loader that reads and validates files and flags (TOML parser, zod). */
export async function fullLoader(): Promise<ConfigLoader> {
  return (await import('../core/config/load.js')).loadConfig;
}

/** No file and no flag: what `loadConfig` returns for zero layers and zero overrides. */
function defaultsOnly({ flags = {}, proxyFlags = {}, flagNames }: LoadConfigOptions): LoadedConfig {
  if (anyConfigFlag(flags)) throw new Error('internal: the defaults-only loader was given flags to validate');
  return assembleConfig([], {}, proxyFlags, { ...DEFAULT_FLAG_NAMES, ...flagNames });
}
