/**
 * Which browser brum drives: `[browser] executable` in `.brum.toml`, else `BRUM_BROWSER`, else the
 * first Chromium, Chrome or Edge found in the usual places of this platform. brum never downloads a
 * browser: when none is found the answer is one line saying how to install one.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface ExecutableChoice {
  readonly path: string;
  /** `.brum.toml`, `BRUM_BROWSER`, or `found`. */
  readonly source: 'config' | 'env' | 'found';
}

export interface FindExecutableOptions {
  readonly configured?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** For tests: whether a path is a runnable file. */
  readonly isExecutable?: (path: string) => boolean;
}

/** Names looked up on PATH (Linux and other Unix), in order of preference. */
const UNIX_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'chrome',
  'microsoft-edge',
  'microsoft-edge-stable',
];

const UNIX_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/usr/bin/microsoft-edge',
  '/opt/microsoft/msedge/msedge',
];

const MAC_PATHS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

function windowsPaths(env: NodeJS.ProcessEnv): string[] {
  const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
    (root): root is string => typeof root === 'string' && root !== '',
  );
  return roots.flatMap((root) => [
    join(root, 'Chromium', 'Application', 'chrome.exe'),
    join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
  ]);
}

function defaultIsExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The line shown when no browser is found (one line, how to fix it). */
export function installHint(platform: NodeJS.Platform = process.platform): string {
  const how =
    platform === 'darwin'
      ? 'install Google Chrome or Chromium (e.g. `brew install --cask chromium`)'
      : platform === 'win32'
        ? 'install Google Chrome or Microsoft Edge'
        : 'install Chromium (e.g. `apt-get install -y chromium`) or Google Chrome';
  return `no Chromium, Chrome or Edge found: ${how}, or point BRUM_BROWSER (or [browser] executable in .brum.toml) at one; brum never downloads a browser`;
}

export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
  }
}

/** The browser to drive, or a NoBrowserError whose message is the one line to show. */
export function findBrowserExecutable(options: FindExecutableOptions = {}): ExecutableChoice {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const runnable = options.isExecutable ?? defaultIsExecutable;
  if (options.configured !== undefined) {
    if (runnable(options.configured)) return { path: options.configured, source: 'config' };
    throw new NoBrowserError(
      `[browser] executable in .brum.toml (${options.configured}) is not an executable file; fix the path or remove the key to let brum look for Chromium, Chrome or Edge`,
    );
  }
  const fromEnv = env.BRUM_BROWSER;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (runnable(fromEnv)) return { path: fromEnv, source: 'env' };
    throw new NoBrowserError(
      `BRUM_BROWSER (${fromEnv}) is not an executable file; fix it or unset it to let brum look for Chromium, Chrome or Edge`,
    );
  }
  const candidates =
    platform === 'darwin'
      ? MAC_PATHS
      : platform === 'win32'
        ? windowsPaths(env)
        : [
            ...UNIX_PATHS,
            ...(env.PATH ?? '')
              .split(delimiter)
              .filter((dir) => dir !== '')
              .flatMap((dir) => UNIX_NAMES.map((name) => join(dir, name))),
          ];
  for (const candidate of candidates) {
    if (runnable(candidate)) return { path: candidate, source: 'found' };
  }
  throw new NoBrowserError(installHint(platform));
}
