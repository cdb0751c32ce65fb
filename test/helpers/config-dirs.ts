/** Temporary folders for configuration tests, loading from them, and the BrumError a call throws. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadConfig, type LoadConfigOptions } from '../../src/core/config/load.js';
import type { LoadedConfig } from '../../src/core/config/types.js';
import { isBrumError, type BrumError } from '../../src/core/errors.js';

export interface ConfigDirs {
  readonly root: string;
  readonly home: string;
  readonly project: string;
}

/** A fresh root (remove it after the test) holding `home/` and the project folder `projectPath`. */
export function makeConfigDirs(prefix: string, projectPath = 'app'): ConfigDirs {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const home = join(root, 'home');
  const project = join(root, projectPath);
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  return { root, home, project };
}

/** The folders of the running test, and `loadConfig` from its project with its home. */
export interface ConfigFixture extends ConfigDirs {
  load(options?: Omit<LoadConfigOptions, 'projectDir' | 'homeDir'>): LoadedConfig;
}

/**
 * Fresh folders for every test of the calling file: made before each test (`makeConfigDirs`) and
 * removed after it. The returned object is refilled per test, so read its fields inside tests.
 */
export function useConfigDirs(prefix: string, projectPath = 'app'): ConfigFixture {
  let dirs: ConfigDirs | undefined;
  const current = (): ConfigDirs => {
    if (dirs === undefined) throw new Error('useConfigDirs: read the folders inside a test');
    return dirs;
  };
  beforeEach(() => {
    dirs = makeConfigDirs(prefix, projectPath);
  });
  afterEach(() => {
    if (dirs !== undefined) rmSync(dirs.root, { recursive: true, force: true });
    dirs = undefined;
  });
  return {
    get root() {
      return current().root;
    },
    get home() {
      return current().home;
    },
    get project() {
      return current().project;
    },
    load: (options = {}) =>
      loadConfig({ ...options, projectDir: current().project, homeDir: current().home }),
  };
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
