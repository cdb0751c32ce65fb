import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

function engineWithRequests(): FakeEngine {
  const engine = new FakeEngine('/p', ['dev']);
  const dev = engine.start('dev').process;
  engine.put(dev.with({ urls: ['http://localhost:5173/'] }));
  engine.proxyListening(dev.id);
  const feed = (url: string, outcome: Parameters<FakeEngine['proxiedRequest']>[2]) =>
    engine.proxiedRequest(dev.id, url, outcome);
  feed('/', { status: 200, durationMs: 12, bytes: 2048, injected: true, contentType: 'text/html' });
  feed('/src/main.tsx', { status: 200, durationMs: 4, bytes: 300 });
  feed('/api/users', { status: 500, durationMs: 30, bytes: 20 });
  feed('/api/down', {
    status: 502,
    durationMs: 2,
    bytes: 900,
    error: 'upstream not answering (ECONNREFUSED); dev (dev-1): failed, exit 1',
  });
  return engine;
}

describe('WebView', () => {
  it('lists requests newest first with method, status, duration and path; names the proxies', async () => {
    app = renderApp(engineWithRequests(), { initialView: 'web' });
    const frame = await app.waitForText('/api/down');
    expect(frame).toContain('http://localhost:5173 → http://127.0.0.1:7601');
    expect(frame.indexOf('/api/down')).toBeLessThan(frame.indexOf('/src/main.tsx'));
    expect(frame).toMatch(/GET\s+500\s+30ms/);
    expect(frame).toContain('⤷client');
  });

  it('filters to failed requests with e, and shows one in full with Enter', async () => {
    app = renderApp(engineWithRequests(), { initialView: 'web' });
    await app.waitForText('/src/main.tsx');
    await app.press('e');
    await app.waitForText('failed requests only');
    expect(app.frame()).not.toContain('/src/main.tsx');
    await app.press(KEY.enter);
    const detail = await app.waitForText('ECONNREFUSED');
    expect(detail).toContain('http://127.0.0.1:7601/api/down');
    expect(detail).toContain('dev (dev-1)');
    await app.press(KEY.escape);
    await app.waitForText('failed requests only');
  });

  it('the URLs view shows the proxied URL beside the original', async () => {
    const engine = engineWithRequests();
    engine.urlList = [{ processId: 'dev-1', url: 'http://localhost:5173/', firstSeen: 1, seq: 1 }];
    app = renderApp(engine, { initialView: 'urls' });
    await app.waitForText('http://localhost:5173/ → http://127.0.0.1:7601/');
  });
});
