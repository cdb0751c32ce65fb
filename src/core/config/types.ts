/**
 * The validated, defaulted configuration the engine receives. Everything here comes from `.brum.toml`
 * files and command-line flags, normalised once by `loadConfig`; nothing downstream re-checks it.
 */
import { DEFAULT_LOG_LIMITS } from '../logs/types.js';

/** When a process that ended is started again: never, only after a failure, or after any exit. */
export type RestartPolicy = 'no' | 'on-failure' | 'always';

export const RESTART_POLICIES = Object.freeze([
  'no',
  'on-failure',
  'always',
] as const) satisfies readonly RestartPolicy[];

/** Settings of one `[scripts.<name>]` or `[commands.<name>]` table. */
export interface ProcessConfig {
  /** Variables set for this process; they win over every env file and the inherited environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Absolute paths, resolved against the directory of the `.brum.toml` that declared them; later files win. */
  readonly envFile: readonly string[];
  /** Absolute working directory, resolved like `envFile`. Undefined: the script's own directory. */
  readonly cwd?: string;
  /** Regular expression source (compiled without flags) marking the process ready when a line matches. */
  readonly readyPattern?: string;
  /** The process is ready once this local TCP port accepts connections. */
  readonly readyPort?: number;
  /** The process is ready once this URL answers. */
  readonly readyUrl?: string;
  /** Default 'no'. */
  readonly restart: RestartPolicy;
  /** Restarts allowed without a healthy run in between (see restart-policy.ts). Default 5. */
  readonly maxRestarts: number;
  /** Names (scripts or commands) started, in dependency order, before this one. */
  readonly dependsOn: readonly string[];
  /** Start this when brum starts. Default false. */
  readonly autostart: boolean;
}

/** An ad-hoc command: a shell command line with the same process settings as a script. */
export interface CommandConfig extends ProcessConfig {
  readonly run: string;
}

export type PackageManagerPreference = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** `[proxy]`: reverse proxies in front of the dev servers processes print (docs/browser.md). */
export interface ProxyConfig {
  /** Default true; `--no-proxy` or `enabled = false` turns them off. */
  readonly enabled: boolean;
  /** The first loopback port handed out (next free one upwards); 0: any free port. Default 7601. */
  readonly port: number;
  /** Script name → pinned proxy port for the first origin it prints. */
  readonly ports: Readonly<Record<string, number>>;
}

/** Proxy settings given on the command line (`--no-proxy`, `--proxy-port`). */
export interface ProxyFlags {
  readonly enabled?: boolean;
  readonly port?: number;
}

export interface BrumConfig {
  readonly preferredPackageManager?: PackageManagerPreference;
  /** Loopback port of the MCP HTTP server; 0 lets the system pick a free one. Default 7777. */
  readonly mcpPort: number;
  /** Do not start the MCP server. Default false. */
  readonly noMcp: boolean;
  /** Log bytes kept per process. Default 8 MiB. */
  readonly logBufferBytes: number;
  /** Log bytes kept for all processes together. Default 48 MiB. */
  readonly logTotalBytes: number;
  /** Time between SIGTERM and SIGKILL when stopping a process group. Default 5000. */
  readonly stopGraceMs: number;
  /**
   * Finished runs kept per script or command (its status, logs, errors and URLs); older ones are
   * pruned when a newer run of the same name starts. The active run is never pruned. Default 10.
   */
  readonly keepRuns: number;
  readonly scripts: Readonly<Record<string, ProcessConfig>>;
  readonly commands: Readonly<Record<string, CommandConfig>>;
  readonly proxy: ProxyConfig;
}

/** The top-level options (everything but the tables); command-line flags can set these. */
export type TopLevelOptions = Omit<BrumConfig, 'scripts' | 'commands' | 'proxy'>;

/** Top-level options given on the command line; undefined members are ignored. */
export type ConfigFlags = Partial<TopLevelOptions>;

/** Where a value came from: a file path, `flag --port`, or `default`. */
export type ConfigSource = string;

/** The result of `loadConfig`. */
export interface LoadedConfig {
  readonly config: BrumConfig;
  /** The `.brum.toml` files that were read, in the order they were applied (later wins). */
  readonly files: readonly string[];
  /**
   * Where the value at a TOML key path came from, e.g. `mcp_port`, `scripts.dev.restart`,
   * `scripts.dev.env.PORT` (camelCase field names such as `mcpPort` are accepted too).
   * Returns a file path, a `flag --name` label, or `default`.
   */
  sourceOf(keyPath: string): ConfigSource;
}

/** Defaults of a script or command table. Frozen. */
export const DEFAULT_PROCESS_CONFIG: ProcessConfig = Object.freeze({
  env: Object.freeze({}),
  envFile: Object.freeze([]),
  restart: 'no',
  maxRestarts: 5,
  dependsOn: Object.freeze([]),
  autostart: false,
});

/** The configuration when no file and no flag says otherwise. Frozen. */
export const DEFAULT_CONFIG: BrumConfig = Object.freeze({
  mcpPort: 7777,
  noMcp: false,
  logBufferBytes: DEFAULT_LOG_LIMITS.perProcessBytes,
  logTotalBytes: DEFAULT_LOG_LIMITS.totalBytes,
  stopGraceMs: 5000,
  keepRuns: 10,
  scripts: Object.freeze({}),
  commands: Object.freeze({}),
  proxy: Object.freeze({ enabled: true, port: 7601, ports: Object.freeze({}) }),
});
