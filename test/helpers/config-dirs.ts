/** Temporary folders for configuration tests, and the BrumError a call throws. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBrumError, type BrumError } from '../../src/core/errors.js';

/** A fresh root (remove it after the test) holding `home/` and the project folder `projectPath`. */
export function makeConfigDirs(
  prefix: string,
  projectPath = 'app',
): { root: string; home: string; project: string } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, 'home');
  const project = join(root, projectPath);
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  return { root, home, project };
}

/** Writes `text` as `dir/.brum.toml` (creating `dir`) and returns the file's path. */
export function writeBrumToml(dir: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, '.brum.toml');
  writeFileSync(file, text);
  return file;
}

/** The BrumError `run` throws; fails when it throws something else or nothing. */
export function brumErrorOf(run: () => unknown): BrumError {
  try {
    run();
  } catch (error) {
    if (isBrumError(error)) return error;
    throw error;
  }
  throw new Error('expected a BrumError');
}
