/**
 * What every container needs and nothing else: the engine, the throttled store, the theme, and a way to
 * tell the user something. Provided once by `App`.
 */
import { createContext, useContext } from 'react';
import type { ActivityView } from '../core/activity/types.js';
import type { Engine } from '../core/engine-api.js';
import type { KeyBinding } from './keys.js';
import type { TuiSystem } from './lib/system.js';
import type { EngineStore } from './store/engine-store.js';
import type { Theme } from './theme.js';

/** The slice of the engine the whole TUI uses; each hook narrows it further. */
export type TuiEngine = Pick<
  Engine,
  | 'projectDir'
  | 'packageManager'
  | 'listScripts'
  | 'snapshot'
  | 'readLogs'
  | 'tailLogs'
  | 'searchLogs'
  | 'scanLogs'
  | 'errors'
  | 'urls'
  | 'start'
  | 'startCommand'
  | 'stop'
  | 'restart'
  | 'restartAll'
  | 'on'
  | 'browser'
>;

export type NoticeLevel = 'info' | 'error';

/** The MCP endpoint an assistant connects to, and its token. */
export interface McpEndpointInfo {
  readonly url: string;
  readonly token: string;
}

/**
 * One MCP client Settings can write a configuration for. The TUI knows nothing of client file
 * formats: the composition root hands it these (built by `mcp/clients/`).
 */
export interface ClientTarget {
  readonly label: string;
  /** `project`: the file lives in the project (and holds the token there); `user`: one file for all. */
  readonly scope: 'project' | 'user';
  /** The client's config file for this project (`homeDir` overrides the real home: tests). */
  readonly path: (location: { readonly projectDir: string; readonly homeDir?: string }) => string;
  /** The server's name in that file (project-scoped or per-project in user-wide files). */
  readonly serverName: (projectName: string) => string;
  readonly snippet: (endpoint: McpEndpointInfo, name: string) => string;
  /** Merges brum's entry into the file (with a backup); resolves with what is now there. */
  readonly write: (
    endpoint: McpEndpointInfo,
    options: { readonly projectDir: string; readonly homeDir?: string; readonly name: string },
  ) => Promise<ClientConfigWritten>;
}

export interface ClientConfigWritten {
  readonly path: string;
  readonly backupPath: string | undefined;
  /** The full text now in the file. */
  readonly text: string;
}

export interface TuiContextValue {
  readonly engine: TuiEngine;
  readonly store: EngineStore;
  readonly theme: Theme;
  /** Shows a short message in the status line (replaces the previous one). */
  readonly notify: (message: string, level?: NoticeLevel) => void;
  /** The active view publishes the bindings it currently honours; footer and help render them. */
  readonly setKeyHints: (bindings: readonly KeyBinding[]) => void;
  /** True while a text prompt owns the keyboard (global keys are then off). */
  readonly setCapture: (capturing: boolean) => void;
  readonly mcp: McpEndpointInfo | undefined;
  /** MCP clients Settings can configure (empty: Settings shows the endpoint only). */
  readonly clientTargets: readonly ClientTarget[];
  readonly projectName: string;
  /** Environment, clipboard and spawning (the real machine unless a test injects its own). */
  readonly system: TuiSystem;
  /** What MCP clients do (Agent view, header, process marks); absent when MCP is off. */
  readonly activity: ActivityView | undefined;
}

export const TuiContext = createContext<TuiContextValue | null>(null);

/** The TUI context; throws when used outside `App` (a programming error). */
export function useTui(): TuiContextValue {
  const value = useContext(TuiContext);
  if (!value) throw new Error('useTui() used outside <App>');
  return value;
}
