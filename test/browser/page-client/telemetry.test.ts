/** What the page client reports, end to end in real Chromium: console, errors, requests, tab ids, bounds. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_EVENTS } from '../../../src/core/browser/tabs.js';
import { eventually } from '../../helpers/engine.js';
import { eventOf, nextLoad, openTab, startHarness, type Harness } from './harness.js';
import { startCrossOrigin } from './page-server.js';

let h: Harness;
let cross: { origin: string; close(): Promise<void> };

beforeAll(async () => {
  h = await startHarness();
  cross = await startCrossOrigin();
  h.server.pages.set('/', '<title>Home</title></head><body>home</body>');
  h.server.pages.set(
    '/early',
    "<title>Early</title><script>throw new RangeError('early inline failure')</script></head><body>x</body>",
  );
  h.server.pages.set(
    '/app',
    `<title>App</title></head><body><script>
      console.log('hello', {n: 1, nested: {deep: {deeper: {deepest: {gone: true}}}}});
      console.warn('careful');
      console.error('bad thing', 42);
      Promise.reject(new Error('nobody caught me'));
      fetch('${'CROSS'}/fail').catch(() => {});
      setTimeout(() => { null.boom(); }, 0);
    </script></body>`,
  );
  h.server.pages.set(
    '/csp',
    `<title>CSP</title><meta http-equiv="Content-Security-Policy" content="img-src 'none'"></head>
     <body><h1 style="font-size: 80px">Largest text on the page</h1><img src="/blocked.png"></body>`,
  );
  h.server.pages.set(
    '/flood',
    `<title>Flood</title></head><body><script>
      for (let i = 0; i < 20000; i++) console.log('flood line ' + i);
      window.flooded = true;
    </script></body>`,
  );
});
afterAll(async () => {
  await cross?.close();
  await h?.close();
});

describe('what a page reports', () => {
  it('console at every level (bounded serialisation), errors, rejections and a failed cross-origin fetch', async () => {
    h.server.pages.set('/app', h.server.pages.get('/app')!.replace('CROSS', cross.origin));
    const { page, session } = await openTab(h, '/app');
    const tab = session.tab;
    const log = await eventOf(
      h,
      tab,
      (e) => e.kind === 'console' && e.message.startsWith('hello'),
      'console.log',
    );
    expect(log.level).toBe('info');
    expect(log.message).toContain('"deeper":{"deepest":"[Object]"}');
    expect(log.truncated).toBe(true);
    await eventOf(
      h,
      tab,
      (e) => e.kind === 'console' && e.level === 'warn' && e.message === 'careful',
      'warn',
    );
    const consoleError = await eventOf(
      h,
      tab,
      (e) => e.kind === 'console' && e.level === 'error',
      'console.error',
    );
    expect(consoleError.message).toBe('bad thing 42');
    expect(consoleError.location?.file).toBe('/app');
    const rejection = await eventOf(h, tab, (e) => e.message.includes('nobody caught me'), 'rejection');
    expect(rejection).toMatchObject({
      kind: 'error',
      level: 'error',
      message: 'Unhandled rejection: Error: nobody caught me',
    });
    expect(rejection.stack?.length).toBeGreaterThan(0);
    const thrown = await eventOf(
      h,
      tab,
      (e) => e.kind === 'error' && e.message.startsWith('TypeError'),
      'uncaught',
    );
    expect(thrown.location).toMatchObject({ file: '/app' });
    expect(thrown.location?.line).toBeGreaterThan(0);
    const failed = await eventOf(h, tab, (e) => e.kind === 'network', 'failed fetch');
    expect(failed.message).toBe(`GET ${cross.origin}/fail → 500`);
    expect(failed.data).toMatchObject({ status: 500, cross_origin: true, api: 'fetch' });
    await eventOf(h, tab, (e) => e.kind === 'navigation' && e.data?.['phase'] === 'load', 'load event');
    // Every event names its tab, load and process.
    for (const e of h.engine.browser.events({ tab }).items) {
      expect(e).toMatchObject({ tab, load: session.load, processId: h.processId });
    }
    await page.close();
  });

  it('catches an inline error that runs before any app code', async () => {
    const { page, session } = await openTab(h, '/early');
    const early = await eventOf(h, session.tab, (e) => e.kind === 'error', 'the early error');
    expect(early.message).toBe('RangeError: early inline failure');
    expect(early.data).toMatchObject({ type: 'uncaught', name: 'RangeError' });
    await page.close();
  });

  it('keeps the tab id across reloads, with a new load id each time; a duplicated tab gets a new id', async () => {
    const { page, session } = await openTab(h, '/');
    await page.reload();
    const reloaded = await nextLoad(h, session, 'the reloaded tab');
    expect(reloaded.url).toBe(`${h.server.origin}/`);
    // window.open copies sessionStorage into the new tab, as the browser's "Duplicate" does.
    const [copy] = await Promise.all([
      h.browser.waitForEvent('page'),
      page.evaluate('void window.open(location.href)'),
    ]);
    const duplicate = await eventually(
      () =>
        h.engine.browser
          .sessions()
          .find((s) => s.connected && s.tab !== session.tab && s.url === reloaded.url),
      10_000,
      'the duplicated tab',
    );
    expect(await copy.evaluate("sessionStorage.getItem('__brum_tab')")).toBe(duplicate.tab);
    expect(await page.evaluate("sessionStorage.getItem('__brum_tab')")).toBe(session.tab);
    await copy.close();
    await page.close();
    await eventually(
      () =>
        !h.engine.browser.sessions().some((s) => s.connected && [session.tab, duplicate.tab].includes(s.tab)),
      10_000,
      'both tabs disconnected',
    );
  });

  it('reports CSP violations, and Web Vitals when the page is left', async () => {
    const { page, session } = await openTab(h, '/csp');
    const csp = await eventOf(h, session.tab, (e) => e.kind === 'csp', 'the CSP violation');
    expect(csp).toMatchObject({ level: 'error', data: { directive: 'img-src', disposition: 'enforce' } });
    expect(csp.message).toBe(`blocked ${h.server.origin}/blocked.png (img-src)`);
    await eventOf(h, session.tab, (e) => e.kind === 'navigation' && e.data?.['phase'] === 'load', 'load');
    await page.reload();
    const lcp = await eventOf(
      h,
      session.tab,
      (e) => e.kind === 'vitals' && e.data?.['name'] === 'LCP',
      'LCP',
    );
    expect(lcp.load).toBe(session.load);
    expect(lcp.data?.['value']).toBeGreaterThan(0);
    expect(lcp.data?.['rating']).toMatch(/^(good|needs-improvement|poor)$/);
    await page.close();
  });

  it('a flood of console messages stays bounded and brum keeps answering', async () => {
    const { page, session } = await openTab(h, '/flood');
    await eventually(() => page.evaluate('window.flooded === true'), 20_000, 'the flood to finish');
    const notice = await eventOf(h, session.tab, (e) => e.data?.['brum'] === true, 'the dropped notice');
    expect(notice.message).toMatch(/event\(s\) from this page were dropped/);
    const answer = await h.engine.browser.command(session.tab, { type: 'eval', code: '1 + 1' });
    expect(answer.value).toBe(2);
    const stored = h.engine.browser.events({ tab: session.tab, kind: 'console', limit: 1000 });
    expect(stored.items.length).toBeLessThanOrEqual(1000);
    let total = 0;
    for (let since = 0, more = true; more;) {
      const pageOfEvents = h.engine.browser.events({ since, limit: 1000 });
      total += pageOfEvents.items.length;
      since = pageOfEvents.nextCursor;
      more = pageOfEvents.truncated;
    }
    expect(total).toBeLessThanOrEqual(MAX_EVENTS);
    await page.close();
  });
});
