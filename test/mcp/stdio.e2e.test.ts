import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrumEngine } from '../../src/core/engine/engine.js';
import { registerInstance } from '../../src/mcp/registry.js';
import { startHttpServer, type HttpServerHandle } from '../../src/mcp/http.js';
import { createRealEngine, eventually, EXAMPLE_DIR, pidGone } from './real-engine.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LAUNCHER = fileURLToPath(new URL('./stdio-launcher.mjs', import.meta.url));

/** The launcher runs from dist/: build it when it is missing or older than the MCP sources. */
function ensureBuilt(): void {
  const built = path.join(ROOT, 'dist/mcp/stdio.js');
  const source = path.join(ROOT, 'src/mcp/stdio.ts');
  if (existsSync(built) && statSync(built).mtimeMs >= statSync(source).mtimeMs) return;
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    // Type errors elsewhere still emit JavaScript; the tests below show whether it works.
  }
}

function spawnClient(registryDir: string, era: 'legacy' | 'modern' = 'legacy') {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [LAUNCHER, EXAMPLE_DIR, registryDir],
    stderr: 'pipe',
  });
  const client = new Client(
    { name: 'e2e', version: '1' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  return { client, transport };
}

describe('brum --mcp (stdio) end to end on examples/basic', () => {
  let registryDir: string;
  beforeAll(() => {
    ensureBuilt();
    registryDir = mkdtempSync(path.join(os.tmpdir(), 'brum-stdio-e2e-'));
  });
  afterAll(() => rmSync(registryDir, { recursive: true, force: true }));

  it('embedded: runs the dev server, and closing stdin stops it and exits', async () => {
    const { client, transport } = spawnClient(registryDir);
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

  it('embedded: a 2026-07-28 client negotiates the modern era over stdio', async () => {
    const { client, transport } = spawnClient(registryDir, 'modern');
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
    let engine: BrumEngine;
    let h: HttpServerHandle;
    let unregister: () => void;
    beforeAll(async () => {
      engine = createRealEngine();
      h = await startHttpServer({ engine, port: 0 });
      unregister = registerInstance(
        {
          pid: process.pid,
          projectDir: EXAMPLE_DIR,
          port: h.port,
          token: h.token,
          startedAt: Date.now(),
          version: 't',
          url: h.url,
        },
        registryDir,
      );
    });
    afterAll(async () => {
      unregister?.();
      await h?.close();
      await engine?.shutdown();
    });

    it('shares processes with the running brum, and leaves them running on exit', async () => {
      const { client, transport } = spawnClient(registryDir);
      await client.connect(transport);
      const r = await client.callTool({ name: 'scripts_run', arguments: { name: 'watch' } });
      expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
      const id = (r.structuredContent as { process: { id: string } }).process.id;
      expect(engine.get(id)?.isActive).toBe(true);
      await client.close();
      expect(engine.get(id)?.isActive).toBe(true);
      await engine.stop(id);
    });
  });
});
