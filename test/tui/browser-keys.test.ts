/**
 * The TUI's browser keys over a real managed browser: `s` on a selected URL takes a screenshot and
 * shows the saved path; `t` lists the tabs brum sees.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManagedBrowserControl } from '../../src/browser/managed/control.js';
import { requireChromium } from '../helpers/chromium.js';
import { serveHtml, type HtmlServer } from '../helpers/html-server.js';
import { FakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './helpers/render-app.js';

let server: HtmlServer;
let url: string;
let project: string;
let app: ReturnType<typeof renderApp> | undefined;
const controls: ManagedBrowserControl[] = [];

beforeAll(async () => {
  requireChromium();
  server = await serveHtml({ '/': '<!doctype html><title>tui</title><h1>from the TUI</h1>' });
  url = `${server.base}/`;
  project = mkdtempSync(join(tmpdir(), 'brum-tui-browser-'));
});
afterEach(() => app?.cleanup());
afterAll(async () => {
  for (const control of controls) await control.close();
  await server.close();
  rmSync(project, { recursive: true, force: true });
});

/** A fake engine (script `dev`) with a real managed browser attached, as the CLI attaches it. */
function engineWithBrowser(): FakeEngine {
  const engine = new FakeEngine(project, ['dev']);
  const control = new ManagedBrowserControl({
    projectDir: project,
    config: { idleTimeoutMs: 60_000 },
    view: engine.browser,
  });
  controls.push(control);
  engine.browser.attachControl(control);
  return engine;
}

/** Presses `s` and returns the path the TUI says the screenshot was saved to. */
async function screenshotWithS(rendered: ReturnType<typeof renderApp>): Promise<string> {
  const saved = /screenshot saved: (\S+\.jpeg)/;
  await rendered.press('s');
  return saved.exec(await rendered.waitForText(saved, 30_000))![1]!;
}

describe('browser keys in the URLs view', () => {
  it('s takes a screenshot of the selected URL and shows where it was saved', async () => {
    const engine = engineWithBrowser();
    const dev = engine.start('dev').process;
    engine.urlList = [{ processId: dev.id, url, firstSeen: 1, seq: 1 }];
    app = renderApp(engine, { initialView: 'urls', size: { columns: 220, rows: 30 } });
    await app.waitForText('127.0.0.1');
    const path = await screenshotWithS(app);
    expect(path.startsWith(join(project, '.brum', 'artifacts'))).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('in the Web view, s screenshots the selected request URL (through its proxy) and t lists the tabs', async () => {
    const engine = engineWithBrowser();
    const dev = engine.start('dev').process;
    engine.proxyListening(dev.id, url);
    engine.proxiedRequest(
      dev.id,
      '/',
      { status: 200, durationMs: 3, bytes: 60, contentType: 'text/html' },
      Date.now(),
    );
    app = renderApp(engine, { initialView: 'web', size: { columns: 220, rows: 30 } });
    await app.waitForText('GET');
    expect(existsSync(await screenshotWithS(app))).toBe(true);
    await app.press('t');
    await app.waitForText('No browser tabs yet');
  });

  it('t lists the tabs brum sees, and t again goes back', async () => {
    const engine = new FakeEngine(project, ['dev']);
    app = renderApp(engine, { initialView: 'urls' });
    await app.waitForText('No URLs yet');
    await app.press('t');
    await app.waitForText('No browser tabs yet');
    // A page client connects: the list follows.
    engine.browser.tabConnected({ tab: 't-1', load: 'l-1', url, title: 'tui page' });
    await app.waitForText(/t-1 http:\/\/127\.0\.0\.1:\d+\/ "tui page"/);
    expect(app.frame()).toContain('1 connected tab(s) of 1');
    await app.press('t');
    await app.waitForText('No URLs yet');
  });
});
