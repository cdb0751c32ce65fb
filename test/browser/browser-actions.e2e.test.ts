/**
 * repl_execute, browser_navigate, browser_refresh through the SDK client, end to end: a real engine,
 * a real page-client endpoint behind a stand-in for the proxy, real Chromium tabs (standing in for
 * the person's browser) running the real injected client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLegacy, textOf, type Connected } from '../mcp/connect.js';
import { openTab, startHarness, type Harness } from './page-client/harness.js';

let h: Harness;
let c: Connected;

beforeAll(async () => {
  h = await startHarness();
  h.server.pages.set('/', '<title>Home</title></head><body><h1>home</h1></body>');
  h.server.pages.set('/other', '<title>Other</title></head><body>other</body>');
  h.server.pages.set(
    '/broken',
    '<title>Broken</title></head><body><script>throw new Error("broken on load")</script></body>',
  );
  c = await connectLegacy(h.engine);
});
afterAll(async () => {
  await c?.close();
  await h?.close();
});

async function call(name: string, args: Record<string, unknown>) {
  const result = await c.client.callTool({ name, arguments: args });
  return { result, s: result.structuredContent as Record<string, unknown>, text: textOf(result) };
}

describe('acting on one tab', () => {
  it('repl_execute with two tabs: without tab it refuses and lists both; with tab it affects exactly that one', async () => {
    const a = await openTab(h, '/');
    const b = await openTab(h, '/');
    try {
      const refused = await call('repl_execute', { code: 'window.marked = 1' });
      expect(refused.result.isError).toBe(true);
      expect(refused.text).toContain(a.session.tab);
      expect(refused.text).toContain(b.session.tab);
      expect(refused.text).toMatch(/pass tab/);
      // Nothing ran anywhere.
      expect(await a.page.evaluate('window.marked')).toBeUndefined();
      expect(await b.page.evaluate('window.marked')).toBeUndefined();

      const ran = await call('repl_execute', {
        tab: a.session.tab,
        code: "console.log('setting', 42); window.marked = 42; return document.title",
      });
      expect(ran.result.isError).toBeFalsy();
      expect(ran.s).toMatchObject({ tab: a.session.tab, ok: true, value: 'Home' });
      expect(ran.s.console).toEqual([{ level: 'info', text: 'setting 42' }]);
      expect(ran.text).toContain(`tab ${a.session.tab}`);
      // Checked from the other tab: only `a` changed.
      expect(await a.page.evaluate('window.marked')).toBe(42);
      expect(await b.page.evaluate('window.marked')).toBeUndefined();

      const thrown = await call('repl_execute', { tab: b.session.tab, code: "throw new RangeError('bad')" });
      expect(thrown.s).toMatchObject({ tab: b.session.tab, ok: false, error: 'RangeError: bad' });
    } finally {
      await a.page.close();
      await b.page.close();
    }
  });

  it('an evaluation that never resolves times out cleanly, and the tab still answers', async () => {
    const { page, session } = await openTab(h, '/');
    try {
      const stuck = await call('repl_execute', {
        tab: session.tab,
        code: 'await new Promise(() => {})',
        timeout_ms: 300,
      });
      // Two clocks race with the same bound: brum's (COMMAND_TIMEOUT) and the page's own deadline (the
      // evaluation answers ok:false). Either is a clean timeout that names the bound.
      if (stuck.result.isError) expect(stuck.text).toMatch(/COMMAND_TIMEOUT: .*within 300 ms/);
      else
        expect(stuck.s).toMatchObject({
          ok: false,
          error: expect.stringMatching(/did not settle within 300 ms/),
        });
      const after = await call('repl_execute', { tab: session.tab, code: '1 + 1' });
      expect(after.s).toMatchObject({ ok: true, value: 2 });
    } finally {
      await page.close();
    }
  });

  it('a tab that disconnects mid-command gives a clear error, not a hang', async () => {
    const { page, session } = await openTab(h, '/');
    const pending = call('repl_execute', {
      tab: session.tab,
      code: 'await new Promise(() => {})',
      timeout_ms: 20_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await page.close();
    const { result, text } = await pending;
    expect(result.isError).toBe(true);
    expect(text).toMatch(/TAB_DISCONNECTED: Tab .* disconnected before answering/);
    expect(Date.now() - started).toBeLessThan(15_000); // well before the 20 s timeout
  });

  it('browser_navigate lands on the new URL with a new load; browser_refresh produces a new load', async () => {
    const { page, session } = await openTab(h, '/');
    try {
      const nav = await call('browser_navigate', { tab: session.tab, url: `${h.server.origin}/other` });
      expect(nav.result.isError, nav.text).toBeFalsy();
      expect(nav.s).toMatchObject({
        tab: session.tab,
        reconnected: true,
        url: `${h.server.origin}/other`,
        title: 'Other',
      });
      expect(nav.s.load).not.toBe(session.load);
      expect(page.url()).toBe(`${h.server.origin}/other`);

      const before = nav.s.load as string;
      await page.evaluate('window.survives = 1');
      const refresh = await call('browser_refresh', { tab: session.tab });
      expect(refresh.s).toMatchObject({ tab: session.tab, reconnected: true, previous_load: before });
      expect(refresh.s.load).not.toBe(before);
      expect(await page.evaluate('window.survives')).toBeUndefined(); // a real reload

      const broken = await call('browser_navigate', { tab: session.tab, url: '/broken' });
      expect(broken.s).toMatchObject({ reconnected: true, title: 'Broken' });
      expect(JSON.stringify(broken.s.errors)).toContain('broken on load');
    } finally {
      await page.close();
    }
  });

  it('refuses what it cannot do, in one line', async () => {
    const { page, session } = await openTab(h, '/');
    try {
      const bad = await call('browser_navigate', { tab: session.tab, url: 'javascript:alert(1)' });
      expect(bad.result.isError).toBe(true);
      expect(bad.text).toMatch(/only http\(s\) URLs/);
      const unknown = await call('browser_refresh', { tab: 't-0000000000000000' });
      expect(unknown.result.isError).toBe(true);
      expect(unknown.text).toMatch(/no tab "t-0000000000000000"/);
    } finally {
      await page.close();
    }
  });
});
