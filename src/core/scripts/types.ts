export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManagerInfo {
  readonly name: PackageManagerName;
  /** How it was chosen: the `packageManager` field, a lockfile, the configured preference, or the default. */
  readonly source: 'packageManager-field' | 'lockfile' | 'preference' | 'default';
  /** e.g. `pnpm-lock.yaml` or `pnpm@9.1.0`. */
  readonly detail?: string;
}

/** One runnable script: a package.json script of the root or of a workspace package, or a configured command. */
export interface ScriptInfo {
  /**
   * The name users type. Root scripts: `dev`. Workspace scripts: `<workspace>:<script>` where
   * `<workspace>` is the package's short name (its `name` without `@scope/`, or its folder name).
   */
  readonly name: string;
  /** The script's own name inside its package.json (`dev`), or the command name. */
  readonly script: string;
  /** What the script runs (the package.json value, or the configured command). */
  readonly command: string;
  /** Absolute directory it runs in. */
  readonly cwd: string;
  /** Workspace package name (`@acme/web`) when it belongs to a workspace; undefined for the root. */
  readonly workspace?: string;
  readonly kind: 'script' | 'command';
}

/** A workspace package found through `workspaces` globs or `pnpm-workspace.yaml`. */
export interface WorkspaceInfo {
  /** The package's `name` (`@acme/web`), or its folder path relative to the root when it has none. */
  readonly name: string;
  /** The prefix its scripts carry (`web` in `web:dev`); see `discoverScripts` for how it is chosen. */
  readonly shortName: string;
  /** Absolute directory of the package. */
  readonly dir: string;
}

/** Everything runnable in a project, found once at startup. Frozen. */
export interface ScriptCatalog {
  /** Absolute project (root) directory. */
  readonly projectDir: string;
  /** The root package.json `name`, when it has one. */
  readonly rootName?: string;
  readonly packageManager: PackageManagerInfo;
  /** Root scripts first (package.json order), then each workspace's, workspaces sorted by short name. */
  readonly scripts: readonly ScriptInfo[];
  /** Sorted by short name. */
  readonly workspaces: readonly WorkspaceInfo[];
  /** Problems that did not stop discovery (bad `scripts` entries, a broken workspace package.json...). */
  readonly warnings: readonly string[];
}
