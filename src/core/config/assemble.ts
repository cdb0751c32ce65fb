/**
 * The last step of loading the configuration, after every file was read and validated and every flag
 * checked: merge the layers, apply the flags, record where each value came from, check the result as a
 * whole. Needs no parser and no schema library, so a project without any configuration file gets its
 * defaults without loading either (`cli/config-loader.ts`).
 */
import { BrumError } from '../errors.js';
import { buildConfig, TOP_LEVEL_TOML_KEYS } from './build.js';
import { findCycle, formatCycle } from './dependencies.js';
import { formatKeyPath, parseKeyPath } from './key-path.js';
import { mergeLayers } from './merge.js';
import type { MergedConfig } from './merge.js';
import type { ConfigLayer } from './read-layer.js';
import type { BrumConfig, LoadedConfig, ProxyFlags, TopLevelOptions } from './types.js';

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
 * Merges validated `layers` (in the order they apply) and the validated flag `overrides`, spelled as
 * `names` in provenance labels. Throws BrumError('INVALID_CONFIG') for an inconsistent result.
 */
export function assembleConfig(
  layers: readonly ConfigLayer[],
  overrides: Partial<TopLevelOptions>,
  proxyFlags: ProxyFlags,
  names: Readonly<Record<keyof TopLevelOptions, string>>,
): LoadedConfig {
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
