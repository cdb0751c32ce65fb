/**
 * Merges validated layers, later over earlier, per key: top-level options replace, script and
 * command tables merge per key, and their `env` tables merge per variable. Each value remembers the
 * file it came from, so `--settings` and `sourceOf` can say why a value is what it is.
 */
import { formatKeyPath } from './key-path.js';
import type { ConfigLayer } from './read-layer.js';
import type { FileConfig, ProcessTable } from './schema.js';

/** A script or command table after merging: snake_case fields and the env variables. */
export interface MergedTable {
  readonly fields: Map<string, unknown>;
  readonly env: Map<string, string>;
}

export interface MergedConfig {
  /** Top-level options by snake_case key. */
  readonly top: Map<string, unknown>;
  readonly scripts: Map<string, MergedTable>;
  readonly commands: Map<string, MergedTable>;
  /** `[proxy]` fields (`enabled`, `port`) and its `ports` per script, merged per key. */
  readonly proxy: Map<string, unknown>;
  readonly proxyPorts: Map<string, number>;
  /** Source of each value, by formatted key path (`scripts.dev.env.PORT`). */
  readonly sources: Map<string, string>;
}

type TableKind = 'scripts' | 'commands';

function mergeTable(
  merged: MergedConfig,
  kind: TableKind,
  name: string,
  table: ProcessTable & { run?: string },
  file: string,
): void {
  let target = merged[kind].get(name);
  if (target === undefined) {
    target = { fields: new Map(), env: new Map() };
    merged[kind].set(name, target);
  }
  merged.sources.set(formatKeyPath([kind, name]), file);
  for (const [key, value] of Object.entries(table)) {
    if (value === undefined) continue;
    if (key === 'env') {
      for (const [variable, text] of Object.entries(value as Record<string, string>)) {
        target.env.set(variable, text);
        merged.sources.set(formatKeyPath([kind, name, 'env', variable]), file);
      }
      merged.sources.set(formatKeyPath([kind, name, 'env']), file);
    } else {
      target.fields.set(key, value);
      merged.sources.set(formatKeyPath([kind, name, key]), file);
    }
  }
}

function mergeLayer(merged: MergedConfig, { file, data }: ConfigLayer): void {
  for (const [key, value] of Object.entries(data) as [keyof FileConfig, unknown][]) {
    if (value === undefined || key === 'scripts' || key === 'commands' || key === 'proxy') continue;
    merged.top.set(key, value);
    merged.sources.set(key, file);
  }
  for (const kind of ['scripts', 'commands'] as const) {
    for (const [name, table] of Object.entries(data[kind] ?? {})) mergeTable(merged, kind, name, table, file);
  }
  if (data.proxy) {
    merged.sources.set('proxy', file);
    for (const [key, value] of Object.entries(data.proxy)) {
      if (value === undefined || key === 'ports') continue;
      merged.proxy.set(key, value);
      merged.sources.set(formatKeyPath(['proxy', key]), file);
    }
    for (const [script, port] of Object.entries(data.proxy.ports ?? {})) {
      merged.proxyPorts.set(script, port);
      merged.sources.set(formatKeyPath(['proxy', 'ports', script]), file);
    }
  }
}

/** Applies `layers` in order (later wins) onto an empty configuration. */
export function mergeLayers(layers: readonly ConfigLayer[]): MergedConfig {
  const merged: MergedConfig = {
    top: new Map(),
    scripts: new Map(),
    commands: new Map(),
    proxy: new Map(),
    proxyPorts: new Map(),
    sources: new Map(),
  };
  for (const layer of layers) mergeLayer(merged, layer);
  return merged;
}
