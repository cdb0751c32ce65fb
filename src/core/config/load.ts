/**
 * Loads brum's configuration: `~/.brum.toml`, then every `.brum.toml` from the filesystem root down
 * to the project directory, then command-line flags; later sources win per key. Every file is read
 * and validated before anything is merged, so a broken file never half-applies.
 */
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BrumError } from '../errors.js';
import { buildConfig, TOP_LEVEL_TOML_KEYS } from './build.js';
import { findCycle, formatCycle } from './dependencies.js';
import { describeValue } from './issues.js';
import { formatKeyPath, parseKeyPath } from './key-path.js';
import { mergeLayers } from './merge.js';
import type { MergedConfig } from './merge.js';
import { readLayer } from './read-layer.js';
import type { ConfigLayer } from './read-layer.js';
import { fileSchema } from './schema.js';
import type { BrumConfig, ConfigFlags, LoadedConfig, ProxyFlags, TopLevelOptions } from './types.js';

/** The name of brum's configuration file. */
export const CONFIG_FILE_NAME = '.brum.toml';

/** Flag spelling used in provenance labels (`flag --port`) and flag errors, per option. */
export const DEFAULT_FLAG_NAMES: Readonly<Record<keyof TopLevelOptions, string>> = Object.freeze({
  preferredPackageManager: '--package-manager',
  mcpPort: '--port',
  noMcp: '--no-mcp',
  logBufferBytes: '--log-buffer-bytes',
  logTotalBytes: '--log-total-bytes',
  stopGraceMs: '--stop-grace-ms',
  keepRuns: '--keep-runs',
});

export interface LoadConfigOptions {
  readonly projectDir: string;
  /** Where `~/.brum.toml` is looked for. Default: `os.homedir()`. */
  readonly homeDir?: string;
  /** Top-level options from the command line; they override every file. */
  readonly flags?: ConfigFlags;
  /** `--no-proxy` (enabled: false) and `--proxy-port`; they override `[proxy]`. */
  readonly proxyFlags?: ProxyFlags;
  /** How the CLI spells each flag, for provenance labels. Default: DEFAULT_FLAG_NAMES. */
  readonly flagNames?: Partial<Record<keyof TopLevelOptions, string>>;
}

function identity(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/** The candidate files in the order they apply: home first unless it is on the root-to-project path. */
export function configFileCandidates(projectDir: string, homeDir: string): string[] {
  const chain: string[] = [];
  for (let dir = resolve(projectDir); ; dir = dirname(dir)) {
    chain.unshift(join(dir, CONFIG_FILE_NAME));
    if (dirname(dir) === dir) break;
  }
  const home = join(resolve(homeDir), CONFIG_FILE_NAME);
  const homeId = identity(home);
  return chain.some((file) => identity(file) === homeId) ? chain : [home, ...chain];
}

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

function checkMerged(merged: MergedConfig, config: BrumConfig, sourceOf: (path: string) => string): void {
  const problems: string[] = [];
  for (const [name, table] of merged.commands) {
    if (!table.fields.has('run')) {
      const where = formatKeyPath(['commands', name]);
      problems.push(`${sourceOf(where)}: ${where}: missing "run" (the command line to run)`);
    }
    if (merged.scripts.has(name)) {
      problems.push(
        `${formatKeyPath(['commands', name])} (${sourceOf(formatKeyPath(['commands', name]))}) and ` +
          `${formatKeyPath(['scripts', name])} (${sourceOf(formatKeyPath(['scripts', name]))}) share one name; rename the command`,
      );
    }
  }
  if (config.logBufferBytes > config.logTotalBytes) {
    problems.push(
      `log_buffer_bytes (${config.logBufferBytes}, ${sourceOf('log_buffer_bytes')}) is larger than ` +
        `log_total_bytes (${config.logTotalBytes}, ${sourceOf('log_total_bytes')})`,
    );
  }
  const cycle = findCycle(config);
  if (cycle) problems.push(`depends_on has a cycle: ${formatCycle(cycle)}`);
  if (problems.length > 0) {
    throw new BrumError('INVALID_CONFIG', problems.join('\n'), { details: { problems, cycle } });
  }
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
  const merged = mergeLayers(layers);
  const config = buildConfig(merged, overrides, proxyFlags);

  const flagSources = new Map<string, string>();
  for (const option of Object.keys(overrides) as (keyof TopLevelOptions)[]) {
    flagSources.set(TOP_LEVEL_TOML_KEYS[option], `flag ${names[option]}`);
  }
  if (proxyFlags.enabled !== undefined) flagSources.set('proxy.enabled', 'flag --no-proxy');
  if (proxyFlags.port !== undefined) flagSources.set('proxy.port', 'flag --proxy-port');
  const sourceOf = (keyPath: string): string => {
    const key = formatKeyPath(parseKeyPath(keyPath));
    return flagSources.get(key) ?? merged.sources.get(key) ?? 'default';
  };
  checkMerged(merged, config, sourceOf);
  return Object.freeze({ config, files: Object.freeze(layers.map((layer) => layer.file)), sourceOf });
}
