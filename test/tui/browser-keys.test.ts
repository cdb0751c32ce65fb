/**
 * The TUI's browser keys over a real managed browser: `s` on a selected URL takes a screenshot and
 * shows the saved path; `t` lists the tabs brum sees.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManagedBrowserControl } from '../../src/browser/managed/control.js';
import { requireChromium } from '../helpers/chromium.js';
import { FakeEngine } from '../helpers/fake-engine.js';
import { renderApp } from './helpers/render-app.js';

let server: Server;
let url: string;
let project: string;
let app: ReturnType<typeof renderApp> | undefined;
const controls: ManagedBrowserControl[] = [];

beforeAll(async () => {
  requireChromium();
  server = createServer((_q, r) => {
    r.writeHead(200, { 'content-type': 'text/html' });
    r.end('<!doctype html><title>tui</title><h1>from the TUI</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  project = mkdtempSync(join(tmpdir(), 'brum-tui-browser-'));
});
afterEach(() => app?.cleanup());
afterAll(async () => {
  for (const control of controls) await control.close();
  server.close();
  rmSync(project, { recursive: true, force: true });
});

describe('browser keys in the URLs view', () => {
  it('s takes a screenshot of the selected URL and shows where it was saved', async () => {
    const engine = new FakeEngine(project, ['dev']);
    const dev = engine.start('dev').process;
    engine.urlList = [{ processId: dev.id, url, firstSeen: 1, seq: 1 }];
    const control = new ManagedBrowserControl({
      projectDir: project,
      config: { idleTimeoutMs: 60_000 },
      view: engine.browser,
    });
    controls.push(control);
    engine.browser.attachControl(control);
    app = renderApp(engine, { initialView: 'urls', size: { columns: 220, rows: 30 } });
    await app.waitForText('127.0.0.1');
    await app.press('s');
    const frame = await app.waitForText(/screenshot saved: (\S+\.jpeg)/, 30_000);
    const path = /screenshot saved: (\S+\.jpeg)/.exec(frame)![1]!;
    expect(path.startsWith(join(project, '.brum', 'artifacts'))).toBe(true);
    expect(existsSync(path)).toBe(true);
  });

  it('in the Web view, s screenshots the selected request URL (through its proxy) and t lists the tabs', async () => {
    const engine = new FakeEngine(project, ['dev']);
    const dev = engine.start('dev').process;
    engine.browser.proxyChanged({
      processId: dev.id,
      target: 'http://localhost:5173',
      proxyUrl: url,
      status: 'listening',
    });
    const seq = engine.browser.requestStarted({
      time: Date.now(),
      processId: dev.id,
      method: 'GET',
      url: '/',
    });
    engine.browser.requestFinished(seq, { status: 200, durationMs: 3, bytes: 60, contentType: 'text/html' });
    const control = new ManagedBrowserControl({
      projectDir: project,
      config: { idleTimeoutMs: 60_000 },
      view: engine.browser,
    });
    controls.push(control);
    engine.browser.attachControl(control);
    app = renderApp(engine, { initialView: 'web', size: { columns: 220, rows: 30 } });
    await app.waitForText('GET');
    await app.press('s');
    const frame = await app.waitForText(/screenshot saved: (\S+\.jpeg)/, 30_000);
    expect(existsSync(/screenshot saved: (\S+\.jpeg)/.exec(frame)![1]!)).toBe(true);
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
