import { afterEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

describe('UrlsView', () => {
  it('lists URLs by process, live ones first, and copies with c', async () => {
    const engine = new FakeEngine('/p', ['dev', 'api']);
    const dev = engine.start('dev').process;
    const api = engine.start('api').process;
    engine.urlList = [
      { processId: dev.id, url: 'http://localhost:5173/', firstSeen: 1, seq: 1 },
      { processId: api.id, url: 'http://127.0.0.1:8080/', firstSeen: 2, seq: 2 },
    ];
    await engine.stop(dev.id);
    app = renderApp(engine, { initialView: 'urls' });
    const frame = await app.waitForText('5173');
    expect(frame.indexOf('8080')).toBeLessThan(frame.indexOf('5173'));
    expect(frame).toContain('(process ended)');
    await app.press('c');
    await app.waitForText('copied http://127.0.0.1:8080/');
    expect(app.system.copied).toEqual(['http://127.0.0.1:8080/']);
  });
});
