import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'brummer';
/** How far up from this module brum's package.json may be (src/mcp/server and dist/mcp/server are three levels). */
const MAX_LEVELS = 4;

/**
 * The version in the nearest package.json named `brummer` above `fromDir`, or undefined. Walking up
 * (rather than a fixed `../../package.json`) holds in the repository, in an installed package
 * (`node_modules/brummer/dist/…`) and if the module moves; the name check keeps a project's own
 * package.json from being taken for brum's.
 */
export function findPackageVersion(fromDir: string, maxLevels = MAX_LEVELS): string | undefined {
  let dir = fromDir;
  for (let level = 0; level <= maxLevels; level++) {
    const version = readVersion(join(dir, 'package.json'));
    if (version !== undefined) return version;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function readVersion(file: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return pkg.name === PACKAGE_NAME && typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

/** brum's version, from its own package.json ('0.0.0' if that cannot be found). */
export const BRUM_VERSION: string = findPackageVersion(dirname(fileURLToPath(import.meta.url))) ?? '0.0.0';
