import { existsSync } from 'node:fs';
import { MAX_PACKAGE_JSON_BYTES, readFileBounded } from '../read-bounded.js';
import { join } from 'node:path';
import { quoteForShell } from '../shell-quote.js';
import type { PackageManagerInfo, PackageManagerName } from './types.js';

const NAMES: readonly PackageManagerName[] = ['npm', 'pnpm', 'yarn', 'bun'];

/** Checked in this order: a repository with both bun and pnpm lockfiles is treated as bun. */
const LOCKFILES: readonly (readonly [file: string, name: PackageManagerName])[] = [
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** True for the four package managers brum knows how to run scripts with. */
export function isPackageManagerName(value: unknown): value is PackageManagerName {
  return typeof value === 'string' && (NAMES as readonly string[]).includes(value);
}

/**
 * Which package manager runs the scripts in `dir`: the package.json `packageManager` field
 * (`pnpm@9.1.0` → pnpm), else the first lockfile found in `dir` (bun, pnpm, yarn, npm), else
 * `preference`, else npm. Only `dir` itself is examined; an unreadable package.json is ignored here
 * (discovery reports it).
 */
export function detectPackageManager(dir: string, preference?: PackageManagerName): PackageManagerInfo {
  const field = readPackageManagerField(dir);
  if (field !== undefined) {
    const name = field.slice(0, field.indexOf('@') > 0 ? field.indexOf('@') : undefined);
    if (isPackageManagerName(name)) return { name, source: 'packageManager-field', detail: field };
  }
  for (const [file, name] of LOCKFILES) {
    if (existsSync(join(dir, file))) return { name, source: 'lockfile', detail: file };
  }
  if (preference !== undefined) return { name: preference, source: 'preference' };
  return { name: 'npm', source: 'default' };
}

function readPackageManagerField(dir: string): string | undefined {
  try {
    const text = readFileBounded(join(dir, 'package.json'), MAX_PACKAGE_JSON_BYTES).toString('utf8');
    const pkg: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    const field = (pkg as { packageManager?: unknown } | null)?.packageManager;
    return typeof field === 'string' ? field.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** How to spawn a script: an executable and its argv (never a shell string), plus a readable form. */
export interface ScriptCommand {
  readonly file: string;
  readonly args: readonly string[];
  /** Shell-quoted, for people to read and copy (`npm run dev -- --port '3000 x'`). */
  readonly display: string;
}

/**
 * The command that runs `scriptName` through its package manager, so pre/post hooks and `npm_*`
 * variables behave as when users type it. npm needs `--` before extra args (else it eats flags like
 * `--silent` itself); pnpm, yarn and bun pass everything after the script name on to it.
 */
export function buildScriptCommand(
  pm: PackageManagerName | PackageManagerInfo,
  scriptName: string,
  args: readonly string[] = [],
): ScriptCommand {
  const file = typeof pm === 'string' ? pm : pm.name;
  const extra = file === 'npm' && args.length > 0 ? ['--', ...args] : [...args];
  const argv = ['run', scriptName, ...extra];
  return { file, args: argv, display: [file, ...argv].map(quoteForShell).join(' ') };
}
