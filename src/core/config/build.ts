/**
 * Turns merged layers into the typed, defaulted, frozen `BrumConfig` the engine receives.
 */
import type { MergedConfig, MergedTable } from './merge.js';
import { DEFAULT_CONFIG, DEFAULT_PROCESS_CONFIG } from './types.js';
import type {
  BrumConfig,
  CommandConfig,
  ProcessConfig,
  ProxyConfig,
  ProxyFlags,
  RestartPolicy,
  TopLevelOptions,
} from './types.js';

/** TOML key of each top-level option. */
export const TOP_LEVEL_TOML_KEYS: Readonly<Record<keyof TopLevelOptions, string>> = Object.freeze({
  preferredPackageManager: 'preferred_package_manager',
  mcpPort: 'mcp_port',
  noMcp: 'no_mcp',
  logBufferBytes: 'log_buffer_bytes',
  logTotalBytes: 'log_total_bytes',
  stopGraceMs: 'stop_grace_ms',
  keepRuns: 'keep_runs',
});

function toProcessConfig(table: MergedTable): ProcessConfig {
  const get = <T>(key: string): T | undefined => table.fields.get(key) as T | undefined;
  const optional = <K extends string, T>(key: K, value: T | undefined) =>
    value === undefined ? {} : ({ [key]: value } as { [P in K]: T });
  return Object.freeze({
    env: Object.freeze(Object.fromEntries(table.env)),
    envFile: Object.freeze([...(get<string[]>('env_file') ?? DEFAULT_PROCESS_CONFIG.envFile)]),
    ...optional('cwd', get<string>('cwd')),
    ...optional('readyPattern', get<string>('ready_pattern')),
    ...optional('readyPort', get<number>('ready_port')),
    ...optional('readyUrl', get<string>('ready_url')),
    restart: get<RestartPolicy>('restart') ?? DEFAULT_PROCESS_CONFIG.restart,
    maxRestarts: get<number>('max_restarts') ?? DEFAULT_PROCESS_CONFIG.maxRestarts,
    dependsOn: Object.freeze([...(get<string[]>('depends_on') ?? DEFAULT_PROCESS_CONFIG.dependsOn)]),
    autostart: get<boolean>('autostart') ?? DEFAULT_PROCESS_CONFIG.autostart,
  });
}

function tables<T>(
  entries: Map<string, MergedTable>,
  convert: (table: MergedTable) => T,
): Readonly<Record<string, T>> {
  // fromEntries defines own properties, so a script called `__proto__` stays an ordinary entry.
  return Object.freeze(Object.fromEntries([...entries].map(([name, table]) => [name, convert(table)])));
}

/**
 * The final configuration: defaults < merged files < `top` overrides (already-validated flags).
 * Commands without `run` are the caller's to reject before calling this.
 */
export function buildConfig(
  merged: MergedConfig,
  overrides: Partial<TopLevelOptions>,
  proxyFlags: ProxyFlags = {},
): BrumConfig {
  const top: Record<string, unknown> = {};
  for (const [option, tomlKey] of Object.entries(TOP_LEVEL_TOML_KEYS) as [keyof TopLevelOptions, string][]) {
    const value = overrides[option] ?? merged.top.get(tomlKey) ?? DEFAULT_CONFIG[option];
    if (value !== undefined) top[option] = value;
  }
  return Object.freeze({
    ...(top as unknown as TopLevelOptions),
    scripts: tables(merged.scripts, toProcessConfig),
    commands: tables(merged.commands, (table): CommandConfig =>
      Object.freeze({ ...toProcessConfig(table), run: table.fields.get('run') as string }),
    ),
    proxy: Object.freeze({
      enabled:
        proxyFlags.enabled ??
        (merged.proxy.get('enabled') as boolean | undefined) ??
        DEFAULT_CONFIG.proxy.enabled,
      port: proxyFlags.port ?? (merged.proxy.get('port') as number | undefined) ?? DEFAULT_CONFIG.proxy.port,
      ports: Object.freeze(Object.fromEntries(merged.proxyPorts)),
    } satisfies ProxyConfig),
  });
}
