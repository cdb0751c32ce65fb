import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/mcp/fake-engine.js';
import { startHttpServer } from '../transports/http/http-server.js';
import { forwardEngineChanges } from './notifier.js';
import { logsUri, PROCESSES_URI } from './resources.js';
import { runStdio } from '../transports/stdio.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records the URIs of the `resources/updated` notifications the client receives. */
function collectUpdates(client: Client): string[] {
  const seen: string[] = [];
  client.setNotificationHandler('notifications/resources/updated', (n) => {
    seen.push(n.params.uri);
  });
  return seen;
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(20);
  }
}

describe('forwardEngineChanges', () => {
  it('coalesces a flood into at most one update per URI per interval, and stops cleanly', async () => {
    const engine = new FakeEngine();
    const calls: string[] = [];
    const stop = forwardEngineChanges(
      engine,
      { resourcesChanged: () => calls.push('list'), resourceUpdated: (u) => calls.push(u) },
      { intervalMs: 100, onError: (error) => expect.fail(String(error)) },
    );
    engine.start('dev');
    for (let i = 0; i < 500; i++) engine.log('dev-1', `line ${i}`);
    await sleep(50);
    for (let i = 0; i < 500; i++) engine.log('dev-1', `more ${i}`);
    await sleep(400);
    const logs = calls.filter((c) => c === logsUri('dev-1')).length;
    expect(logs).toBeGreaterThanOrEqual(1);
    expect(logs).toBeLessThanOrEqual(2);
    expect(calls.filter((c) => c === 'list')).toHaveLength(1);
    expect(calls).toContain(PROCESSES_URI);
    stop();
    stop();
    const before = calls.length;
    engine.log('dev-1', 'after stop');
    await sleep(200);
    expect(calls).toHaveLength(before);
    expect(engine.events.listenerCount('logs')).toBe(0);
  });
});

describe('a notification that fails', () => {
  it('is reported, and the rest of the flush is still sent', async () => {
    const engine = new FakeEngine();
    const sent: string[] = [];
    const errors: unknown[] = [];
    const stop = forwardEngineChanges(
      engine,
      {
        resourcesChanged: () => {
          throw new Error('client connection broke');
        },
        resourceUpdated: (uri) => sent.push(uri),
      },
      { intervalMs: 10, onError: (error) => errors.push(error) },
    );
    try {
      engine.start('dev');
      engine.log('dev-1', 'a line');
      await waitFor(() => sent.includes(logsUri('dev-1')));
      expect(sent).toContain(PROCESSES_URI);
      expect(errors.map(String)).toEqual(['Error: client connection broke']);
    } finally {
      stop();
    }
  });
});

describe('resource notifications reach clients', () => {
  it('2025 era over stdio: only subscribed URIs are updated', async () => {
    const registryDir = mkdtempSync(path.join(os.tmpdir(), 'brum-notify-'));
    const engine = Object.assign(new FakeEngine(), { shutdown: async () => {} });
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const done = runStdio({
      projectDir: '/project',
      createEngine: () => engine,
      stdin,
      stdout,
      registryDir,
      log: () => {},
    });
    const client = new Client({ name: 't', version: '1' });
    await client.connect(new StdioServerTransport(stdout, stdin));
    try {
      const seen = collectUpdates(client);
      engine.start('dev');
      engine.start('watch');
      await client.subscribeResource({ uri: logsUri('dev-1') });
      engine.log('dev-1', 'hello');
      engine.log('watch-2', 'ignored');
      await waitFor(() => seen.includes(logsUri('dev-1')));
      await sleep(300);
      expect(seen).not.toContain(logsUri('watch-2'));
    } finally {
      stdin.end();
      await done;
      rmSync(registryDir, { recursive: true, force: true });
    }
  });

  it('2026-07-28 over HTTP: subscriptions/listen delivers list-changed and updates', async () => {
    const engine = new FakeEngine();
    const h = await startHttpServer({ engine, port: 0 });
    const client = new Client({ name: 't', version: '1' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(h.url), {
        requestInit: { headers: { Authorization: `Bearer ${h.token}` } },
      }),
    );
    let listChanged = 0;
    client.setNotificationHandler('notifications/resources/list_changed', () => {
      listChanged++;
    });
    const seen = collectUpdates(client);
    const sub = await client.listen({ resourcesListChanged: true, resourceSubscriptions: [PROCESSES_URI] });
    try {
      expect(sub.honoredFilter.resourceSubscriptions).toEqual([PROCESSES_URI]);
      engine.start('dev');
      await waitFor(() => seen.includes(PROCESSES_URI) && listChanged > 0);
    } finally {
      await sub.close();
      await client.close();
      await h.close();
    }
  });
});
