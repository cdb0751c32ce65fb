import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerInstance } from '../../src/mcp/instances/registry.js';
import { eventually, EXAMPLE_DIR, pidGone, serveOverHttp } from './real-engine.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('./stdio-launcher.mjs', import.meta.url));
const CLI = path.join(ROOT, 'dist/cli/main.js');
const WATCHED = [
  'mcp/transports/stdio',
  'mcp/bridge/hub',
  'mcp/server/create-server',
  'mcp/transports/http/http-server',
  'cli/main',
];

/** Both entry points run from dist/: build it when it is missing or older than the sources. */
function ensureBuilt(): void {
  const stale = WATCHED.some((f) => {
    const built = path.join(ROOT, 'dist', `${f}.js`);
    return (
      !existsSync(built) || statSync(built).mtimeMs < statSync(path.join(ROOT, 'src', `${f}.ts`)).mtimeMs
    );
  });
  if (!stale) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    // Type errors elsewhere still emit JavaScript; the tests below show whether it works.
  }
}

type Entry = 'brum --mcp' | 'launcher';

/** `runDir` stands in for XDG_RUNTIME_DIR, so the instance registry is private to the test. */
function spawnClient(entry: Entry, runDir: string, era: 'legacy' | 'modern' = 'legacy') {
  const registryDir = path.join(runDir, 'brummer', 'instances');
  const args =
    entry === 'launcher' ? [LAUNCHER, EXAMPLE_DIR, registryDir] : [CLI, '--mcp', '--dir', EXAMPLE_DIR];
  const env = { ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: runDir };
  const transport = new StdioClientTransport({ command: process.execPath, args, env, stderr: 'pipe' });
  const client = new Client(
    { name: 'e2e', version: '1' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  return { client, transport };
}

describe.each(['brum --mcp', 'launcher'] as const)('%s (stdio) end to end on examples/basic', (entry) => {
  let runDir: string;
  beforeAll(() => {
    ensureBuilt();
    runDir = mkdtempSync(path.join(os.tmpdir(), 'brum-stdio-e2e-'));
  });
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));

  it('embedded: runs the dev server, and closing stdin stops it and exits', async () => {
    const { client, transport } = spawnClient(entry, runDir);
    await client.connect(transport);
    const child = transport.pid;
    const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'dev', wait: 'ready' } });
    expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
    const s = r.structuredContent as { process: { pid: number }; urls: string[] };
    expect(s.urls[0]).toMatch(/^http:\/\/localhost:\d+\/$/);
    await client.close();
    await eventually(() => (child !== null && pidGone(child) ? true : undefined), 10_000);
    await eventually(() => (pidGone(s.process.pid) ? true : undefined), 10_000);
  });

  it('embedded: stdout carries only JSON-RPC lines, and the process exits promptly when stdin closes', async () => {
    const registryDir = path.join(runDir, 'brummer', 'instances');
    const args =
      entry === 'launcher' ? [LAUNCHER, EXAMPLE_DIR, registryDir] : [CLI, '--mcp', '--dir', EXAMPLE_DIR];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, XDG_RUNTIME_DIR: runDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const init = {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'raw', version: '1' },
    };
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: init }) + '\n');
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
    child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) + '\n');
    await eventually(() => (stdout.includes('"id":2') ? true : undefined), 10_000);
    const t0 = Date.now();
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect((JSON.parse(line) as { jsonrpc: string }).jsonrpc).toBe('2.0');
  });

  it('embedded: a 2026-07-28 client negotiates the modern era over stdio', async () => {
    const { client, transport } = spawnClient(entry, runDir, 'modern');
    await client.connect(transport);
    try {
      expect(client.getProtocolEra()).toBe('modern');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('logs_stream');
    } finally {
      await client.close();
    }
  });

  describe('attached to a running brum', () => {
    const fx = serveOverHttp({ client: false });
    let unregister: (() => void) | undefined;
    beforeAll(() => {
      unregister = registerInstance(
        {
          pid: process.pid,
          projectDir: EXAMPLE_DIR,
          port: fx.server.port,
          token: fx.server.token,
          startedAt: Date.now(),
          version: 't',
          url: fx.server.url,
        },
        path.join(runDir, 'brummer', 'instances'),
      );
    });
    afterAll(() => unregister?.());

    it('shares processes with the running brum, and leaves them running on exit', async () => {
      const { client, transport } = spawnClient(entry, runDir);
      await client.connect(transport);
      const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'watch' } });
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      const id = (r.structuredContent as { process: { id: string } }).process.id;
      expect(fx.engine.get(id)?.isActive).toBe(true);
      await client.close();
      expect(fx.engine.get(id)?.isActive).toBe(true);
      await fx.engine.stop(id);
    });
  });
});
