/**
 * MCP client configuration for the assistants people use with brum: the snippet each one needs to reach
 * brum's Streamable HTTP endpoint with its bearer token, where that client keeps its config file, and a
 * writer that MERGES the entry into that file (other servers and keys are kept; the original is backed up).
 *
 * Formats (checked against each client's documentation):
 * - Claude Code: `.mcp.json` in the project, `mcpServers.<name> = { type: "http", url, headers }`.
 * - Cursor: `.cursor/mcp.json` in the project, `mcpServers.<name> = { url, headers }`.
 * - VS Code: `.vscode/mcp.json` in the project, `servers.<name> = { type: "http", url, headers }`.
 * - Windsurf: `~/.codeium/windsurf/mcp_config.json`, `mcpServers.<name> = { serverUrl, headers }`.
 * - Claude Desktop: `claude_desktop_config.json` in the app's config folder. Its file only launches stdio
 *   servers, so the entry runs the `mcp-remote` bridge with the header passed through an env variable
 *   (spaces inside args are mangled on some platforms).
 */
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { BrumError } from '../../core/errors.js';

export type ClientId = 'claude-code' | 'cursor' | 'vscode' | 'windsurf' | 'claude-desktop';

export interface ClientInfo {
  readonly id: ClientId;
  readonly label: string;
  /** `project`: the file lives in the project (and applies to it); `user`: one file for all projects. */
  readonly scope: 'project' | 'user';
  /** The top-level key holding the servers. */
  readonly container: 'mcpServers' | 'servers';
}

export const CLIENTS: readonly ClientInfo[] = [
  { id: 'claude-code', label: 'Claude Code', scope: 'project', container: 'mcpServers' },
  { id: 'cursor', label: 'Cursor', scope: 'project', container: 'mcpServers' },
  { id: 'vscode', label: 'VS Code', scope: 'project', container: 'servers' },
  { id: 'windsurf', label: 'Windsurf', scope: 'user', container: 'mcpServers' },
  { id: 'claude-desktop', label: 'Claude Desktop', scope: 'user', container: 'mcpServers' },
];

export interface McpEndpoint {
  /** Streamable HTTP URL, e.g. `http://127.0.0.1:7777/mcp`. */
  readonly url: string;
  readonly token: string;
}

export interface ConfigLocationContext {
  readonly projectDir: string;
  readonly homeDir?: string;
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
}

/** Looks up a client's static description. */
export function clientInfo(id: ClientId): ClientInfo {
  const info = CLIENTS.find((c) => c.id === id);
  if (!info) throw new BrumError('INVALID_ARGUMENT', `Unknown MCP client "${id}".`);
  return info;
}

/** The config file that client reads, for this project and machine. */
export function clientConfigPath(id: ClientId, ctx: ConfigLocationContext): string {
  const home = ctx.homeDir ?? homedir();
  const platform = ctx.platform ?? process.platform;
  const env = ctx.env ?? process.env;
  switch (id) {
    case 'claude-code':
      return join(ctx.projectDir, '.mcp.json');
    case 'cursor':
      return join(ctx.projectDir, '.cursor', 'mcp.json');
    case 'vscode':
      return join(ctx.projectDir, '.vscode', 'mcp.json');
    case 'windsurf':
      return join(home, '.codeium', 'windsurf', 'mcp_config.json');
    case 'claude-desktop':
      if (platform === 'darwin')
        return join(home, 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
      if (platform === 'win32')
        return join(
          env['APPDATA'] ?? join(home, 'AppData', 'Roaming'),
          'Claude',
          'claude_desktop_config.json',
        );
      return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Claude', 'claude_desktop_config.json');
    default: {
      const never: never = id;
      throw new BrumError('INVALID_ARGUMENT', `Unknown MCP client "${String(never)}".`);
    }
  }
}

/**
 * The server name used in the file: `brum` in a project file, `brum-<project>` in a user-wide file so
 * several projects can be configured side by side.
 */
export function serverName(id: ClientId, projectName: string): string {
  if (clientInfo(id).scope === 'project') return 'brum';
  const slug = projectName
    .toLowerCase()
    .replace(/^@[^/]+\//, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug ? `brum-${slug}` : 'brum';
}

/** The JSON value of the server entry for `id`. */
export function serverEntry(id: ClientId, endpoint: McpEndpoint): Record<string, unknown> {
  const headers = { Authorization: `Bearer ${endpoint.token}` };
  switch (id) {
    case 'claude-code':
    case 'vscode':
      return { type: 'http', url: endpoint.url, headers };
    case 'cursor':
      return { url: endpoint.url, headers };
    case 'windsurf':
      return { serverUrl: endpoint.url, headers };
    case 'claude-desktop':
      return {
        command: 'npx',
        args: ['-y', 'mcp-remote', endpoint.url, '--header', 'Authorization:${BRUM_AUTH_HEADER}'],
        env: { BRUM_AUTH_HEADER: `Bearer ${endpoint.token}` },
      };
    default: {
      const never: never = id;
      throw new BrumError('INVALID_ARGUMENT', `Unknown MCP client "${String(never)}".`);
    }
  }
}

/** The smallest complete file content for `id` (what the user would paste). */
export function configSnippet(id: ClientId, endpoint: McpEndpoint, name = 'brum'): string {
  const { container } = clientInfo(id);
  return `${JSON.stringify({ [container]: { [name]: serverEntry(id, endpoint) } }, null, 2)}\n`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface MergeResult {
  readonly text: string;
  /** An entry with that name existed and was replaced. */
  readonly replaced: boolean;
}

/**
 * Merges the brum entry into an existing config file's text (undefined or blank: a new file). Every
 * other key and server is kept in place. Refuses (BrumError INVALID_CONFIG) when the existing text is not
 * a JSON object (e.g. it has comments), rather than risk destroying what the user wrote.
 */
export function mergeClientConfig(
  existing: string | undefined,
  id: ClientId,
  endpoint: McpEndpoint,
  name = 'brum',
): MergeResult {
  const { container } = clientInfo(id);
  let root: Record<string, unknown> = {};
  if (existing !== undefined && existing.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch (cause) {
      throw new BrumError(
        'INVALID_CONFIG',
        'The existing file is not plain JSON (comments?); add the snippet by hand.',
        { cause },
      );
    }
    if (!isPlainObject(parsed))
      throw new BrumError(
        'INVALID_CONFIG',
        'The existing file is not a JSON object; add the snippet by hand.',
      );
    root = parsed;
  }
  const servers = root[container] ?? {};
  if (!isPlainObject(servers))
    throw new BrumError(
      'INVALID_CONFIG',
      `"${container}" in the existing file is not an object; add the snippet by hand.`,
    );
  const replaced = Object.hasOwn(servers, name);
  const merged = { ...root, [container]: { ...servers, [name]: serverEntry(id, endpoint) } };
  return { text: `${JSON.stringify(merged, null, 2)}\n`, replaced };
}

export interface WriteResult {
  readonly path: string;
  /** Where the previous content was saved, when there was a file. */
  readonly backupPath: string | undefined;
  readonly replaced: boolean;
  /** The full text now in the file. */
  readonly text: string;
}

/**
 * Writes (merges) the brum entry into the client's config file: backs up an existing file next to it
 * (`<file>.brum-backup-<timestamp>`), writes to a temporary file and renames it into place so a crash
 * never leaves half a file.
 */
export async function writeClientConfig(
  id: ClientId,
  endpoint: McpEndpoint,
  options: ConfigLocationContext & { readonly name?: string; readonly path?: string; readonly now?: Date },
): Promise<WriteResult> {
  const path = options.path ?? clientConfigPath(id, options);
  let existing: string | undefined;
  try {
    existing = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { text, replaced } = mergeClientConfig(existing, id, endpoint, options.name);
  await mkdir(dirname(path), { recursive: true });
  let backupPath: string | undefined;
  if (existing !== undefined) {
    const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
    backupPath = `${path}.brum-backup-${stamp}`;
    await copyFile(path, backupPath);
  }
  const temp = `${path}.brum-tmp-${process.pid}`;
  // The file holds a bearer token: keep it private to the user.
  await writeFile(temp, text, { encoding: 'utf8', mode: 0o600 });
  await rename(temp, path);
  return { path, backupPath, replaced, text };
}

/**
 * Every client as an object with its operations bound: what the composition root hands the TUI's
 * Settings view, which knows nothing of client file formats (it declares the shape it needs).
 */
export interface ClientTarget extends ClientInfo {
  readonly path: (location: ConfigLocationContext) => string;
  readonly serverName: (projectName: string) => string;
  readonly snippet: (endpoint: McpEndpoint, name: string) => string;
  readonly write: (
    endpoint: McpEndpoint,
    options: ConfigLocationContext & { readonly name: string },
  ) => Promise<WriteResult>;
}

export function clientTargets(): readonly ClientTarget[] {
  return CLIENTS.map((info) => ({
    ...info,
    path: (location) => clientConfigPath(info.id, location),
    serverName: (projectName) => serverName(info.id, projectName),
    snippet: (endpoint, name) => configSnippet(info.id, endpoint, name),
    write: (endpoint, options) => writeClientConfig(info.id, endpoint, options),
  }));
}
