/**
 * Loads brum's configuration: `~/.brum.toml`, then every `.brum.toml` from the filesystem root down
 * to the project directory, then command-line flags; later sources win per key. Every file is read
 * and validated before anything is merged, so a broken file never half-applies.
 */
import { homedir } from 'node:os';
import { assembleConfig } from './assemble.js';
import { configFileCandidates, DEFAULT_FLAG_NAMES, type LoadConfigOptions } from './files.js';
import { checkFlags } from './flag-checks.js';
import { readLayer } from './read-layer.js';
import type { ConfigLayer } from './read-layer.js';
import type { LoadedConfig } from './types.js';

export { CONFIG_FILE_NAME, configFileCandidates, DEFAULT_FLAG_NAMES } from './files.js';
export type { LoadConfigOptions } from './files.js';

/**
 * Reads, validates and merges the configuration for `projectDir`.
 * Throws BrumError('INVALID_CONFIG') for any broken file or inconsistent result, and
 * BrumError('INVALID_ARGUMENT') for an invalid flag value.
 */
export function loadConfig({
  projectDir,
  homeDir = homedir(),
  flags = {},
  proxyFlags = {},
  flagNames,
}: LoadConfigOptions): LoadedConfig {
  const names = { ...DEFAULT_FLAG_NAMES, ...flagNames };
  const overrides = checkFlags(flags, names);
  const layers = configFileCandidates(projectDir, homeDir)
    .map((file) => readLayer(file, homeDir))
    .filter((layer): layer is ConfigLayer => layer !== undefined);
  return assembleConfig(layers, overrides, proxyFlags, names);
}
