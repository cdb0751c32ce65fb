/**
 * Where brum's configuration comes from: the file name, the candidate files for a project, and the
 * flag spellings. Kept apart from the loader (`load.ts`, which validates with zod and parses TOML) so
 * that finding out whether there is anything to load costs no library at all.
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ConfigFlags, ProxyFlags, TopLevelOptions } from './types.js';

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

/**
 * Whether any candidate file is there to be read (anything but "does not exist": a file that cannot
 * be read is for the loader to report).
 */
export function anyConfigFile(projectDir: string, homeDir: string): boolean {
  return configFileCandidates(projectDir, homeDir).some((file) => {
    try {
      statSync(file);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code !== 'ENOENT' && code !== 'ENOTDIR';
    }
  });
}
