import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client } from '@modelcontextprotocol/client';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { AgentActivity } from '../../core/activity/activity.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { startHttpServer } from './http/http-server.js';
import { registerInstance } from '../instances/registry.js';
import { runStdio, type StdioOutcome } from './stdio.js';

class OwnedFakeEngine extends FakeEngine {
  shutdowns = 0;
  override shutdown = async () => {
    this.shutdowns++;
  };
}

/** runStdio on in-memory pipes, and an SDK client speaking newline-delimited JSON over them. */
async function startStdio(
  registryDir: string,
  createEngine: () => OwnedFakeEngine,
  era: 'legacy' | 'modern' = 'legacy',
) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const logs: string[] = [];
  const activity = new AgentActivity();
  const done: Promise<StdioOutcome> = runStdio({
    projectDir: '/project',
    createEngine,
    activity,
    stdin,
    stdout,
    registryDir,
    log: (m) => logs.push(m),
  });
  // The server transport class is a plain newline-JSON reader/writer; reversed, it is a client transport.
  const client = new Client(
    { name: 't', version: '1' },
    era === 'modern' ? { versionNegotiation: { mode: 'auto' } } : {},
  );
  await client.connect(new StdioServerTransport(stdout, stdin));
  return { client, stdin, done, logs, activity };
}

describe('runStdio', () => {
  let registryDir: string;
  beforeEach(() => {
    registryDir = mkdtempSync(path.join(os.tmpdir(), 'brum-stdio-'));
  });
  afterEach(() => rmSync(registryDir, { recursive: true, force: true }));

  it.each(['legacy', 'modern'] as const)(
    'serves an embedded engine (%s era) and shuts it down when stdin ends',
    async (era) => {
      const engine = new OwnedFakeEngine();
      const s = await startStdio(registryDir, () => engine, era);
      expect(s.client.getProtocolEra()).toBe(era);
      const r = await s.client.callTool({ name: 'scripts_run', arguments: { name: 'dev' } });
      expect(r.isError).toBeFalsy();
      expect(engine.get('dev')?.status).toBe('running');
      // The person sees the stdio client by its name, its call, and the process it started.
      expect(s.activity.clients().map((c) => [c.name, c.transport])).toEqual([['t', 'stdio']]);
      expect(s.activity.calls().map((c) => [c.clientName, c.tool, c.status])).toEqual([
        ['t', 'scripts_run', 'ok'],
      ]);
      expect(s.activity.startedBy(engine.get('dev')!.id)).toBe('t');
      s.stdin.end();
      expect(await s.done).toEqual({ mode: 'embedded' });
      expect(engine.shutdowns).toBe(1);
    },
  );

  it.each(['legacy', 'modern'] as const)(
    'forwards to a running brum for the project (%s era)',
    async (era) => {
      const shared = new OwnedFakeEngine();
      const h = await startHttpServer({ engine: shared, port: 0 });
      const unregister = registerInstance(
        {
          pid: process.pid,
          projectDir: '/project',
          port: h.port,
          token: h.token,
          startedAt: Date.now(),
          version: 't',
          url: h.url,
        },
        registryDir,
      );
      try {
        const s = await startStdio(
          registryDir,
          () => {
            throw new Error('must not create an engine when attaching');
          },
          era,
        );
        expect(s.client.getProtocolEra()).toBe(era);
        const r = await s.client.callTool({ name: 'scripts_run', arguments: { name: 'watch' } });
        expect(r.isError).toBeFalsy();
        expect(shared.get('watch')?.status).toBe('running');
        const unknown = await s.client.callTool({ name: 'scripts_run', arguments: { name: 'deb' } });
        expect(unknown.isError).toBe(true);
        await expect(s.client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow();
        s.stdin.end();
        expect(await s.done).toEqual({ mode: 'bridge', url: h.url });
        expect(shared.shutdowns).toBe(0);
        expect(shared.get('watch')?.status).toBe('running');
      } finally {
        unregister();
        await h.close();
      }
    },
  );

  it('falls back to an embedded engine when the registered brum does not answer', async () => {
    const unregister = registerInstance(
      {
        pid: process.pid,
        projectDir: '/project',
        port: 9,
        token: 'x',
        startedAt: Date.now(),
        version: 't',
        url: 'http://127.0.0.1:9/mcp',
      },
      registryDir,
    );
    const engine = new OwnedFakeEngine();
    try {
      const s = await startStdio(registryDir, () => engine);
      expect((await s.client.callTool({ name: 'about', arguments: {} })).isError).toBeFalsy();
      s.stdin.end();
      expect(await s.done).toEqual({ mode: 'embedded' });
      expect(s.logs.join('\n')).toContain('does not answer');
    } finally {
      unregister();
    }
  });
});
