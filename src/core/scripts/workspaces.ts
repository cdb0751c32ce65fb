import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as Tinyglobby from 'tinyglobby';
import type * as Yaml from 'yaml';
import {
  FileTooLargeError,
  MAX_PACKAGE_JSON_BYTES,
  describeTooLarge,
  readFileBounded,
} from '../read-bounded.js';
import type { PackageJson } from './package-json.js';

/**
 * The YAML parser and the glob matcher are loaded when a project first needs them (most projects have
 * no workspaces): loaded at start-up they cost every `brum` a few MB of memory and ~20 ms.
 */
const requireLazily = createRequire(import.meta.url);
let yaml: typeof Yaml | undefined;
let tinyglobby: typeof Tinyglobby | undefined;

function parseYaml(text: string): unknown {
  return (yaml ??= requireLazily('yaml') as typeof Yaml).parse(text);
}

function globSync(patterns: string[], options: Tinyglobby.GlobOptions): string[] {
  return (tinyglobby ??= requireLazily('tinyglobby') as typeof Tinyglobby).globSync(patterns, options);
}

/**
 * The workspace globs of a project: package.json `workspaces` (npm/yarn/bun: an array, or yarn's
 * `{ packages: [...] }`) together with `pnpm-workspace.yaml` `packages`. Both are used when both exist,
 * so discovery does not depend on which package manager was detected. Malformed entries become warnings.
 */
export function readWorkspacePatterns(rootDir: string, pkg: PackageJson, warnings: string[]): string[] {
  const patterns: string[] = [];
  const field = pkg['workspaces'];
  if (field !== undefined) {
    const list = Array.isArray(field) ? field : (field as { packages?: unknown } | null)?.packages;
    collectStrings(list, join(rootDir, 'package.json'), '"workspaces"', patterns, warnings);
  }
  const yamlFile = join(rootDir, 'pnpm-workspace.yaml');
  const yamlText = readOptional(yamlFile, warnings);
  if (yamlText !== undefined) {
    try {
      const doc: unknown = parseYaml(yamlText);
      const list = (doc as { packages?: unknown } | null)?.packages;
      if (list !== undefined) collectStrings(list, yamlFile, '"packages"', patterns, warnings);
    } catch (error) {
      warnings.push(`${yamlFile} is not valid YAML (${(error as Error).message}); its packages are ignored.`);
    }
  }
  return [...new Set(patterns)];
}

/**
 * Absolute directories of the workspace packages matched by `patterns` (sorted, without the root).
 * A `!pattern` excludes what it matches wherever it appears in the list. Folders without a
 * package.json are not packages; node_modules is never searched.
 */
export function findWorkspaceDirs(rootDir: string, patterns: readonly string[]): string[] {
  const include: string[] = [];
  const ignore = ['**/node_modules/**'];
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = normalise(negated ? raw.slice(1) : raw);
    if (pattern === '') continue;
    (negated ? ignore : include).push(pattern === '.' ? 'package.json' : `${pattern}/package.json`);
  }
  if (include.length === 0) return [];
  const root = resolve(rootDir);
  const files = globSync(include, { cwd: root, ignore, absolute: true, expandDirectories: false });
  const dirs = new Set(files.map((file) => resolve(dirname(file))));
  dirs.delete(root);
  return [...dirs].sort();
}

/** `./packages/*\/` → `packages/*`: globs are matched relative to the root, without trailing slashes. */
function normalise(pattern: string): string {
  return pattern
    .trim()
    .replace(/^(?:\.\/)+/, '')
    .replace(/\/+$/, '');
}

function collectStrings(
  list: unknown,
  file: string,
  field: string,
  into: string[],
  warnings: string[],
): void {
  if (!Array.isArray(list)) {
    warnings.push(`${file}: ${field} should be a list of globs; ignored.`);
    return;
  }
  for (const entry of list) {
    if (typeof entry === 'string') into.push(entry);
    else warnings.push(`${file}: ${field} entry ${JSON.stringify(entry)} is not a string; skipped.`);
  }
}

function readOptional(file: string, warnings: string[]): string | undefined {
  try {
    return readFileBounded(file, MAX_PACKAGE_JSON_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      warnings.push(`${describeTooLarge(error, 'a workspace file')}; its packages are ignored.`);
    }
    return undefined;
  }
}
