/**
 * Which project brum runs for when started in a folder: like npm, the nearest folder at or above it
 * that has a package.json — so `cd src && brum` finds the project. A folder with its own `.brum.toml`
 * is a project as it is (non-Node projects declare commands there).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../config/files.js';

export interface ProjectRoot {
  /** The project folder (the start folder itself when nothing above it is a project). */
  readonly dir: string;
  /** True when it is not the start folder (brum should say which project it chose). */
  readonly walkedUp: boolean;
}

/** At most this many folders are looked at above the start (bounded, even on odd filesystems). */
const MAX_DEPTH = 64;

export function findProjectRoot(start: string): ProjectRoot {
  const from = resolve(start);
  if (isProject(from) || existsSync(join(from, CONFIG_FILE_NAME))) return { dir: from, walkedUp: false };
  let dir = from;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    if (isProject(dir)) return { dir, walkedUp: true };
  }
  return { dir: from, walkedUp: false };
}

function isProject(dir: string): boolean {
  return existsSync(join(dir, 'package.json'));
}
