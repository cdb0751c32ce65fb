import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isBrumError } from '../../core/errors.js';
import {
  CLIENTS,
  clientConfigPath,
  configSnippet,
  mergeClientConfig,
  serverEntry,
  serverName,
  writeClientConfig,
} from './client-config.js';

const endpoint = { url: 'http://127.0.0.1:4000/mcp', token: 'tok123' };
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('client config snippets', () => {
  it('uses each client’s own shape for a Streamable HTTP server with a bearer header', () => {
    expect(serverEntry('claude-code', endpoint)).toEqual({
      type: 'http',
      url: endpoint.url,
      headers: { Authorization: 'Bearer tok123' },
    });
    expect(serverEntry('cursor', endpoint)).toEqual({
      url: endpoint.url,
      headers: { Authorization: 'Bearer tok123' },
    });
    expect(serverEntry('vscode', endpoint)).toMatchObject({ type: 'http', url: endpoint.url });
    expect(serverEntry('windsurf', endpoint)).toEqual({
      serverUrl: endpoint.url,
      headers: { Authorization: 'Bearer tok123' },
    });
    const desktop = serverEntry('claude-desktop', endpoint);
    expect(desktop['command']).toBe('npx');
    expect(desktop['args']).toContain(endpoint.url);
    expect(desktop['env']).toEqual({ BRUM_AUTH_HEADER: 'Bearer tok123' });
    expect(JSON.parse(configSnippet('vscode', endpoint)).servers.brum.url).toBe(endpoint.url);
  });

  it('knows where each client keeps its file', () => {
    const ctx = { projectDir: '/proj', homeDir: '/home/u', platform: 'linux' as const, env: {} };
    expect(clientConfigPath('claude-code', ctx)).toBe(join('/proj', '.mcp.json'));
    expect(clientConfigPath('cursor', ctx)).toBe(join('/proj', '.cursor', 'mcp.json'));
    expect(clientConfigPath('vscode', ctx)).toBe(join('/proj', '.vscode', 'mcp.json'));
    expect(clientConfigPath('windsurf', ctx)).toBe(
      join('/home/u', '.codeium', 'windsurf', 'mcp_config.json'),
    );
    expect(clientConfigPath('claude-desktop', ctx)).toBe(
      join('/home/u', '.config', 'Claude', 'claude_desktop_config.json'),
    );
    expect(clientConfigPath('claude-desktop', { ...ctx, platform: 'darwin' })).toContain(
      join('Library', 'Application Support', 'Claude'),
    );
    expect(CLIENTS.map((c) => c.id)).toHaveLength(5);
  });

  it('names user-wide entries after the project', () => {
    expect(serverName('cursor', '@acme/Web App')).toBe('brum');
    expect(serverName('windsurf', '@acme/Web App')).toBe('brum-web-app');
  });
});

describe('mergeClientConfig', () => {
  it('keeps every other key and server, and replaces only its own entry', () => {
    const existing = JSON.stringify({
      theme: 'dark',
      mcpServers: { a: { command: 'a' }, brum: { url: 'old' } },
    });
    const { text, replaced } = mergeClientConfig(existing, 'cursor', endpoint);
    const parsed = JSON.parse(text);
    expect(replaced).toBe(true);
    expect(parsed.theme).toBe('dark');
    expect(parsed.mcpServers.a).toEqual({ command: 'a' });
    expect(parsed.mcpServers.brum.url).toBe(endpoint.url);
  });

  it('starts a new file from nothing', () => {
    expect(JSON.parse(mergeClientConfig(undefined, 'vscode', endpoint).text)).toEqual({
      servers: { brum: serverEntry('vscode', endpoint) },
    });
  });

  it('refuses text it cannot merge safely instead of clobbering it', () => {
    for (const bad of ['{ // comment\n}', '[1]', '{"mcpServers": []}']) {
      let caught: unknown;
      try {
        mergeClientConfig(bad, 'cursor', endpoint);
      } catch (error) {
        caught = error;
      }
      expect(isBrumError(caught, 'INVALID_CONFIG')).toBe(true);
    }
  });
});

describe('writeClientConfig', () => {
  it('creates folders, writes a private file, and backs up an existing one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'brum-client-config-'));
    const first = await writeClientConfig('vscode', endpoint, { projectDir: dir });
    expect(first.path).toBe(join(dir, '.vscode', 'mcp.json'));
    expect(first.backupPath).toBeUndefined();
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);

    await writeFile(first.path, JSON.stringify({ servers: { other: { url: 'x' } }, inputs: [] }));
    const second = await writeClientConfig('vscode', { ...endpoint, token: 'new' }, { projectDir: dir });
    expect(second.backupPath).toBeDefined();
    expect(JSON.parse(await readFile(second.backupPath!, 'utf8'))).toEqual({
      servers: { other: { url: 'x' } },
      inputs: [],
    });
    const now = JSON.parse(await readFile(second.path, 'utf8'));
    expect(now.inputs).toEqual([]);
    expect(now.servers.other).toEqual({ url: 'x' });
    expect(now.servers.brum.headers.Authorization).toBe('Bearer new');
    expect((await readdir(join(dir, '.vscode'))).filter((f) => f.includes('brum-tmp'))).toEqual([]);
  });

  it('leaves a file it cannot parse untouched', async () => {
    dir = await mkdtemp(join(tmpdir(), 'brum-client-config-'));
    const path = join(dir, '.mcp.json');
    await writeFile(path, '{ "mcpServers": { /* mine */ } }');
    await expect(writeClientConfig('claude-code', endpoint, { projectDir: dir })).rejects.toThrow(
      /not plain JSON/,
    );
    expect(await readFile(path, 'utf8')).toBe('{ "mcpServers": { /* mine */ } }');
  });
});
