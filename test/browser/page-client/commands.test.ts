/** The command channel end to end: real Chromium, real page client, real endpoint and engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBrumError } from '../../../src/core/errors.js';
import { eventually } from '../../helpers/engine.js';
import { nextLoad, openTab, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  h.server.pages.set('/', '<title>Home</title></head><body><h1>home</h1></body>');
  h.server.pages.set('/other', '<title>Other</title></head><body>other</body>');
});
afterAll(() => h?.close());

describe('commands brum → one tab', () => {
  it('evaluates an expression and a body with await, with the console output it produced', async () => {
    const { page, session } = await openTab(h, '/');
    const expression = await h.engine.browser.command(session.tab, {
      type: 'eval',
      code: 'document.title + 1',
    });
    expect(expression).toMatchObject({ ok: true, value: 'Home1', tab: session.tab, load: session.load });
    const body = await h.engine.browser.command(session.tab, {
      type: 'eval',
      code: "console.log('working', {a: 1}); await new Promise(r => setTimeout(r, 10)); return [1, {b: window.location.pathname}]",
    });
    expect(body.ok).toBe(true);
    expect(body.value).toEqual([1, { b: '/' }]);
    expect(body.console).toEqual([{ level: 'info', text: 'working {"a":1}' }]);
    const thrown = await h.engine.browser.command(session.tab, {
      type: 'eval',
      code: "throw new TypeError('nope')",
    });
    expect(thrown).toMatchObject({ ok: false, error: 'TypeError: nope' });
    await page.close();
  });

  it('runs in exactly the tab it names', async () => {
    const a = await openTab(h, '/');
    const b = await openTab(h, '/');
    expect(a.session.tab).not.toBe(b.session.tab);
    await h.engine.browser.command(a.session.tab, { type: 'eval', code: 'window.marked = 42' });
    expect(await a.page.evaluate('window.marked')).toBe(42);
    expect(await b.page.evaluate('window.marked')).toBeUndefined();
    await a.page.close();
    await b.page.close();
  });

  it('an evaluation that never settles times out with a clear error', async () => {
    const { page, session } = await openTab(h, '/');
    const error = await h.engine.browser
      .command(session.tab, { type: 'eval', code: 'await new Promise(() => {})' }, 300)
      .catch((e: unknown) => e);
    expect(isBrumError(error, 'COMMAND_TIMEOUT')).toBe(true);
    expect(String((error as Error).message)).toContain('within 300 ms');
    // The tab still answers afterwards.
    expect((await h.engine.browser.command(session.tab, { type: 'eval', code: '2 + 2' })).value).toBe(4);
    await page.close();
  });

  it('a tab that disconnects mid-command fails the command at once, not at its timeout', async () => {
    const { page, session } = await openTab(h, '/');
    const pending = h.engine.browser
      .command(session.tab, { type: 'eval', code: 'await new Promise(() => {})' }, 30_000)
      .catch((e: unknown) => e);
    await eventually(() => h.endpoint.connectionCount > 0, 5_000, 'a connection');
    await page.close();
    const error = await pending;
    expect(isBrumError(error, 'TAB_DISCONNECTED')).toBe(true);
    expect((error as Error).message).toContain('disconnected before answering');
    const again = await h.engine.browser.command(session.tab, { type: 'reload' }).catch((e: unknown) => e);
    expect(isBrumError(again, 'TAB_DISCONNECTED')).toBe(true);
  });

  it('reload and navigate really happen: the tab comes back with a new load', async () => {
    const { page, session } = await openTab(h, '/');
    const reloaded = await h.engine.browser.command(session.tab, { type: 'reload' });
    expect(reloaded.ok).toBe(true);
    const afterReload = await nextLoad(h, session, 'the reloaded tab');
    const navigated = await h.engine.browser.command(session.tab, { type: 'navigate', url: '/other' });
    expect(navigated).toMatchObject({ ok: true });
    const afterNavigate = await nextLoad(h, afterReload, 'the navigated tab', (s) =>
      s.url.endsWith('/other'),
    );
    expect(afterNavigate.title).toBe('Other');
    expect(page.url()).toBe(`${h.server.origin}/other`);
    const refused = await h.engine.browser.command(session.tab, {
      type: 'navigate',
      url: 'javascript:alert(1)',
    });
    expect(refused).toMatchObject({ ok: false });
    await page.close();
  });

  it('an unknown tab is refused with the connected tabs listed', async () => {
    const { page, session } = await openTab(h, '/');
    const error = await h.engine.browser.command('t-nope', { type: 'reload' }).catch((e: unknown) => e);
    expect(isBrumError(error, 'UNKNOWN_TAB')).toBe(true);
    expect((error as Error).message).toContain(session.tab);
    await page.close();
  });
});
