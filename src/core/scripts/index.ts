/** Script discovery: what a project can run, and how to run it. */
export { discoverScripts, type DiscoverOptions } from './discover.js';
export { resolveScript, suggestScriptNames } from './resolve.js';
export {
  buildScriptCommand,
  detectPackageManager,
  isPackageManagerName,
  type ScriptCommand,
} from './package-manager.js';
export { quoteForShell } from '../shell-quote.js';
export type {
  PackageManagerInfo,
  PackageManagerName,
  ScriptCatalog,
  ScriptInfo,
  WorkspaceInfo,
} from './types.js';
