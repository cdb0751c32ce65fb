/**
 * From a parsed command line to a ready engine: configuration (files + flags), scripts, engine.
 * Every problem the user can fix surfaces as a BrumError with a clear message.
 */
import { resolve } from 'node:path';
import type { LoadedConfig } from '../core/config/types.js';
import { BrumEngine } from '../core/engine/engine.js';
import { isBrumError } from '../core/errors.js';
import { discoverScripts, type ScriptCatalog } from '../core/scripts/discover.js';
import type { CliRequest } from './program.js';
import { attachManagedBrowser } from './browser-wiring.js';
import type { ConfigLoader } from './config-loader.js';

/** `loadConfig`: from `configLoaderFor` (cli/config-loader.ts), chosen for this request. */
export function buildEngine(
  request: CliRequest,
  loadConfig: ConfigLoader,
): { loaded: LoadedConfig; engine: BrumEngine } {
  const projectDir = resolve(request.dir);
  const loaded = loadConfig({ projectDir, flags: request.flags, proxyFlags: request.proxyFlags });
  const catalog = discoverCatalog(projectDir, loaded);
  for (const warning of catalog.warnings) process.stderr.write(`brum: warning: ${warning}\n`);
  const engine = new BrumEngine({ catalog, config: loaded.config });
  attachManagedBrowser(engine, loaded.config.browser);
  return { loaded, engine };
}

/** A project without package.json is fine when `.brum.toml` declares commands (non-Node projects). */
function discoverCatalog(projectDir: string, loaded: LoadedConfig): ScriptCatalog {
  const options = { preferredPackageManager: loaded.config.preferredPackageManager };
  try {
    return discoverScripts(projectDir, options);
  } catch (error) {
    if (!isBrumError(error, 'NO_PACKAGE_JSON') || Object.keys(loaded.config.commands).length === 0)
      throw error;
    return {
      projectDir,
      packageManager: { name: options.preferredPackageManager ?? 'npm', source: 'default' },
      scripts: [],
      workspaces: [],
      warnings: [],
    };
  }
}
