/**
 * The engine of a home server that serves no project (`brum --mcp` attached to a running brum, or
 * started outside any project): it answers the handshake and the lists, holds nothing, starts nothing.
 * Tool calls never reach it (the hub routes them to a running brum, or answers with the list).
 */
import { BrowserState } from '../../core/browser/state.js';
import { BrumError } from '../../core/errors.js';
import type { McpEngine } from '../server/create-server.js';

export function emptyEngine(projectDir: string): McpEngine {
  const none = (): never => {
    throw new BrumError(
      'UNKNOWN_PROCESS',
      'This brum --mcp serves no project of its own: choose a running brum with instances_connect (instances_list shows them).',
    );
  };
  const snapshot = Object.freeze({ revision: 0, processes: [] });
  return {
    projectDir,
    packageManager: { name: 'npm', source: 'default' },
    // No proxies, tabs or requests: an empty store (nothing feeds it).
    browser: new BrowserState(Date.now, () => {}),
    listScripts: () => [],
    snapshot: () => snapshot,
    changesSince: () => snapshot,
    get: () => undefined,
    readLogs: () => ({ lines: [], nextCursor: 0, gap: false, truncated: false, oldestSeq: 0, latestSeq: 0 }),
    tailLogs: () => [],
    searchLogs: () => Promise.resolve({ matches: [], hasMore: false, timedOut: false, scannedLines: 0 }),
    errors: () => [],
    urls: () => [],
    start: none,
    stop: none,
    restart: none,
    waitFor: none,
    on: () => () => {},
    // It loaded no environment: nothing of its own to hide.
    maskSecrets: (text: string) => text,
  };
}
