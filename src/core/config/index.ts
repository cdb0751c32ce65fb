/** Configuration: `.brum.toml` loading, environment resolution, restart policy and dependencies. */
export { resolveEnv, ENV_TABLE_SOURCE, INHERITED_SOURCE } from './env.js';
export type { ResolveEnvOptions, ResolvedEnv } from './env.js';
export { findCycle, formatCycle, startOrder } from './dependencies.js';
export { CONFIG_FILE_NAME, configFileCandidates, DEFAULT_FLAG_NAMES, loadConfig } from './load.js';
export type { LoadConfigOptions } from './load.js';
export { isSecretName, MASK, maskEnv, maskValue } from './mask.js';
export {
  backoffDelay,
  describeNoRestart,
  initialRestartState,
  isFailure,
  nextRestart,
  shouldRestart,
} from './restart-policy.js';
export type { ExitInfo, NoRestartReason, RestartDecision, RestartState, RunExit } from './restart-policy.js';
export { formatSettings } from './settings-toml.js';
export type { FormatSettingsOptions } from './settings-toml.js';
export { DEFAULT_CONFIG, DEFAULT_PROCESS_CONFIG, RESTART_POLICIES } from './types.js';
export type {
  BrumConfig,
  CommandConfig,
  ConfigFlags,
  ConfigSource,
  LoadedConfig,
  PackageManagerPreference,
  ProcessConfig,
  ProxyConfig,
  ProxyFlags,
  RestartPolicy,
  TopLevelOptions,
} from './types.js';
