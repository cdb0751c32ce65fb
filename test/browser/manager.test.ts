/**
 * The proxy manager on a real engine: a process printing a dev URL gets a proxy; the proxy keeps its
 * port while the process stops (502 naming it) and when a new run prints the same origin; a pinned
 * port is used as configured.
 */
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ProxyManager } from '../../src/browser/proxy/manager.js';
import { DEFAULT_PROCESS_CONFIG } from '../../src/core/config/types.js';
import { createTestEngine, eventually, shutdownEngines } from '../helpers/engine.js';
import { http, NAVIGATION } from './http-client.js';

const managers: ProxyManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.close()));
  await shutdownEngines();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function setup(pinned: Record<string, number> = {}) {
  const port = await freePort();
  const engine = createTestEngine('test/fixtures/web', {
    scripts: { dev: { ...DEFAULT_PROCESS_CONFIG, env: { PORT: String(port) } } },
  });
  const manager = new ProxyManager({ engine, firstPort: 0, pinned });
  managers.push(manager);
  manager.start();
  return { engine, manager, target: `http://localhost:${port}` };
}

const listening = (engine: Awaited<ReturnType<typeof setup>>['engine'], processId: string) =>
  eventually(
    () => engine.browser.proxies().find((p) => p.status === 'listening' && p.processId === processId),
    15_000,
    `a listening proxy for ${processId}`,
  );

describe('ProxyManager', () => {
  it('keeps one proxy and port per target across stop and a new run; 502 names the stopped process', async () => {
    const { engine, target } = await setup();
    const first = engine.start('dev').process;
    const proxy = await listening(engine, first.id);
    expect(proxy.target).toBe(target);
    expect(engine.browser.proxyUrlFor(`${target}/a?b=1`)).toBe(`${proxy.proxyUrl}/a?b=1`);
    expect((await http(`${proxy.proxyUrl}/json`)).text).toBe('{"ok":true,"items":[1,2,3]}');

    await engine.stop(first.id);
    const down = await http(`${proxy.proxyUrl}/`, { headers: NAVIGATION });
    expect(down.status).toBe(502);
    expect(down.text).toContain(`dev (${first.id}): stopped`);
    const record = engine.browser.requests({ status: 'error' }).items.at(-1);
    expect(record?.error).toMatch(/ECONNREFUSED/);

    const second = engine.start('dev').process;
    expect(second.id).not.toBe(first.id);
    const again = await listening(engine, second.id);
    expect(again.port).toBe(proxy.port);
    expect(engine.browser.proxies()).toHaveLength(1);
    // The new run answers through the same proxy (once it listens: it printed its URL already).
    const served = await http(`${proxy.proxyUrl}/json`);
    expect(served.status).toBe(200);
  });

  it('uses the port pinned for the script', async () => {
    const pinned = await freePort();
    const { engine } = await setup({ dev: pinned });
    const run = engine.start('dev').process;
    const proxy = await listening(engine, run.id);
    expect(proxy.port).toBe(pinned);
    expect(proxy.proxyUrl).toBe(`http://127.0.0.1:${pinned}`);
  });
});
