import { basename } from 'node:path';
import type { ScriptInfo, WorkspaceInfo } from './types.js';

/** A workspace package as read from disk, before its scripts are named. */
export interface WorkspacePackage {
  readonly dir: string;
  /** Folder relative to the project root, with `/` separators. */
  readonly relativeDir: string;
  readonly packageName?: string;
  readonly scripts: readonly (readonly [script: string, command: string])[];
}

/** Workspaces sorted by prefix, and their named scripts in that order. */
export interface NamedWorkspaces {
  readonly workspaces: WorkspaceInfo[];
  readonly scripts: ScriptInfo[];
}

/**
 * Names every workspace script `<prefix>:<script>`. Each workspace's prefixes, tried in order until
 * one is unique among workspaces: its package name without the `@scope/`, or the folder name when it
 * has no name (`web`); the full package name (`@acme/web`); its folder relative to the root
 * (`packages/web`). Workspaces that share a prefix all move on, so neither silently wins. A workspace
 * script whose name equals a root script's keeps the root's plain name for the root and moves on to
 * the workspace's next prefix. Workspaces are returned sorted by prefix, scripts in package.json order.
 */
export function nameWorkspaceScripts(
  packages: readonly WorkspacePackage[],
  rootScriptNames: ReadonlySet<string>,
  warnings: string[],
): NamedWorkspaces {
  const chains = packages.map(prefixChain);
  const level = choosePrefixLevels(chains);
  const order = packages
    .map((_, i) => i)
    .sort((a, b) => compare(chains[a]![level[a]!]!, chains[b]![level[b]!]!));

  const workspaces: WorkspaceInfo[] = [];
  const scripts: ScriptInfo[] = [];
  for (const i of order) {
    const pkg = packages[i]!;
    const chain = chains[i]!;
    const shortName = chain[level[i]!]!;
    const workspace = pkg.packageName ?? pkg.relativeDir;
    workspaces.push({ name: workspace, shortName, dir: pkg.dir });
    for (const [script, command] of pkg.scripts) {
      const name = chain
        .slice(level[i])
        .map((prefix) => `${prefix}:${script}`)
        .find((candidate) => !rootScriptNames.has(candidate));
      if (name === undefined) {
        warnings.push(`Workspace ${workspace}: script "${script}" clashes with a root script name; skipped.`);
        continue;
      }
      if (name !== `${shortName}:${script}`) {
        warnings.push(
          `Workspace ${workspace}: "${shortName}:${script}" is a root script, so this one is "${name}".`,
        );
      }
      scripts.push({ name, script, command, cwd: pkg.dir, workspace, kind: 'script' });
    }
  }
  return { workspaces, scripts };
}

/** `@acme/web` in `packages/web` → [`web`, `@acme/web`, `packages/web`], without repeats. */
function prefixChain(pkg: WorkspacePackage): string[] {
  const name = pkg.packageName;
  const short = name === undefined ? basename(pkg.relativeDir) : name.replace(/^@[^/]+\//, '');
  return [...new Set([short, name ?? short, pkg.relativeDir])];
}

/** Index into each chain; raised for every workspace that shares its prefix, until none do or chains end. */
function choosePrefixLevels(chains: readonly string[][]): number[] {
  const level = chains.map(() => 0);
  for (let changed = true; changed;) {
    changed = false;
    const counts = new Map<string, number>();
    chains.forEach((chain, i) => counts.set(chain[level[i]!]!, (counts.get(chain[level[i]!]!) ?? 0) + 1));
    chains.forEach((chain, i) => {
      if (counts.get(chain[level[i]!]!)! > 1 && level[i]! < chain.length - 1) {
        level[i] = level[i]! + 1;
        changed = true;
      }
    });
  }
  return level;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
