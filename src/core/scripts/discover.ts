import { join, relative, resolve, sep } from 'node:path';
import { isBrumError } from '../errors.js';
import { nameWorkspaceScripts, type WorkspacePackage } from './naming.js';
import { readPackageJson, readScripts } from './package-json.js';
import { detectPackageManager } from './package-manager.js';
import type { PackageManagerName, ScriptCatalog, ScriptInfo } from './types.js';
import { findWorkspaceDirs, readWorkspacePatterns } from './workspaces.js';

export type { ScriptCatalog } from './types.js';

/** Options for `discoverScripts`. */
export interface DiscoverOptions {
  /** Used when neither a `packageManager` field nor a lockfile decides. */
  readonly preferredPackageManager?: PackageManagerName;
}

/**
 * Finds every package.json script of a project: the root's, then every workspace package's.
 *
 * Naming: root scripts keep their own name (`dev`). A workspace script is `<prefix>:<script>`, where the
 * prefix is the package name without its `@scope/` (or the folder name when the package has no name),
 * e.g. `web:dev`. When two workspaces share that short name, both use their full package name
 * (`@acme/web:dev`), and when even that is shared, their folder (`packages/web:dev`).
 *
 * Synchronous on purpose: it runs once at startup, over a handful of small files.
 * Throws `NO_PACKAGE_JSON` or `INVALID_PACKAGE_JSON` for the root only; problems in a workspace
 * package (or bad `scripts` entries) become `warnings` and the rest is still discovered.
 */
export function discoverScripts(projectDir: string, options: DiscoverOptions = {}): ScriptCatalog {
  const root = resolve(projectDir);
  const rootPkg = readPackageJson(root);
  const warnings: string[] = [];

  const rootScripts: ScriptInfo[] = readScripts(rootPkg, join(root, 'package.json'), warnings).map(
    ([script, command]) => ({ name: script, script, command, cwd: root, kind: 'script' }),
  );

  const packages: WorkspacePackage[] = [];
  for (const dir of findWorkspaceDirs(root, readWorkspacePatterns(root, rootPkg, warnings))) {
    const pkg = readWorkspace(dir, warnings);
    if (pkg === undefined) continue;
    const name = pkg['name'];
    packages.push({
      dir,
      relativeDir: relative(root, dir).split(sep).join('/'),
      ...(typeof name === 'string' && name.trim() !== '' && { packageName: name.trim() }),
      scripts: readScripts(pkg, join(dir, 'package.json'), warnings),
    });
  }
  const named = nameWorkspaceScripts(packages, new Set(rootScripts.map((s) => s.name)), warnings);

  const rootName = rootPkg['name'];
  return deepFreeze({
    projectDir: root,
    ...(typeof rootName === 'string' && { rootName }),
    packageManager: detectPackageManager(root, options.preferredPackageManager),
    scripts: [...rootScripts, ...named.scripts],
    workspaces: named.workspaces,
    warnings,
  });
}

function readWorkspace(dir: string, warnings: string[]): ReturnType<typeof readPackageJson> | undefined {
  try {
    return readPackageJson(dir);
  } catch (error) {
    // Globs only yield folders that have a package.json, so this is a broken (or vanished) file.
    if (!isBrumError(error)) throw error;
    warnings.push(`Workspace ${dir} skipped: ${error.message}`);
    return undefined;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}
