/**
 * Loads brum's configuration: `~/.brum.toml`, then every `.brum.toml` from the filesystem root down
 * to the project directory, then command-line flags; later sources win per key. Every file is read
 * and validated before anything is merged, so a broken file never half-applies.
 */
import { homedir } from 'node:os';
import { BrumError } from '../errors.js';
import { assembleConfig } from './assemble.js';
import { TOP_LEVEL_TOML_KEYS } from './build.js';
import { configFileCandidates, DEFAULT_FLAG_NAMES, type LoadConfigOptions } from './files.js';
import { describeValue } from './issues.js';
import { readLayer } from './read-layer.js';
import type { ConfigLayer } from './read-layer.js';
import { fileSchema } from './schema.js';
import type { ConfigFlags, LoadedConfig, TopLevelOptions } from './types.js';

export { CONFIG_FILE_NAME, configFileCandidates, DEFAULT_FLAG_NAMES } from './files.js';
export type { LoadConfigOptions } from './files.js';

function validateFlags(
  flags: ConfigFlags,
  names: Record<keyof TopLevelOptions, string>,
): Partial<TopLevelOptions> {
  const valid: Record<string, unknown> = {};
  for (const [option, value] of Object.entries(flags) as [keyof TopLevelOptions, unknown][]) {
    if (value === undefined) continue;
    const tomlKey = TOP_LEVEL_TOML_KEYS[option];
    if (tomlKey === undefined) {
      throw new BrumError('INVALID_ARGUMENT', `unknown configuration flag "${String(option)}"`);
    }
    const result = fileSchema.safeParse({ [tomlKey]: value });
    if (!result.success) {
      const reason = result.error.issues[0]?.message ?? 'invalid value';
      throw new BrumError(
        'INVALID_ARGUMENT',
        `flag ${names[option]}: ${reason}, got ${describeValue(value)}`,
      );
    }
    valid[option] = (result.data as Record<string, unknown>)[tomlKey];
  }
  return valid as Partial<TopLevelOptions>;
}

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
  const overrides = validateFlags(flags, names);
  const layers = configFileCandidates(projectDir, homeDir)
    .map((file) => readLayer(file, homeDir))
    .filter((layer): layer is ConfigLayer => layer !== undefined);
  return assembleConfig(layers, overrides, proxyFlags, names);
}
