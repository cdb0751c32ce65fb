/**
 * A real browser through the proxy: Debian's Chromium driven by playwright-core (never a downloaded
 * browser). The injected tag is the first element of <head>, the client runs before the page's own
 * scripts, compressed pages render, a CSP nonce is honoured, and a WebSocket from the page works.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrumProxy } from '../../src/browser/proxy/server.js';
import { startUpstream } from '../fixtures/web/upstream.mjs';
import { CHROMIUM_ARGS } from '../helpers/chromium.js';
import { testBrowserState } from '../helpers/browser-state.js';

const CHROMIUM = process.env.BRUM_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM))
  throw new Error(`Chromium not found at ${CHROMIUM}: install it with apt-get install -y chromium`);

let browser: Browser;
let upstream: { port: number; close(): Promise<void> };
let proxy: BrumProxy;
const state = testBrowserState();

beforeAll(async () => {
  upstream = await startUpstream(0);
  proxy = new BrumProxy({
    target: `http://localhost:${upstream.port}`,
    processId: () => 'dev-1',
    describeProcess: () => ({ text: 'dev (dev-1): running', retry: true }),
    secret: 'chromium-secret-0123456789',
    endpoint: {
      // Records whether the page's own script had run before the client.
      script: () => ({ body: 'window.__brumFirst = !window.appRan;\n', etag: '"c1"' }),
      accept: (socket) => socket.send('hi'),
    },
    feed: state,
    now: Date.now,
  });
  await proxy.listen(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS], // playwright gives every launch a fresh temporary profile (--user-data-dir)
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await upstream?.close();
});

describe('Chromium through the proxy', () => {
  for (const path of ['/', '/gzip', '/br']) {
    it(`sees the injected tag first in <head> and the client run first (${path})`, async () => {
      const page = await browser.newPage();
      try {
        const response = await page.goto(`${proxy.url}${path}`);
        expect(response?.status()).toBe(200);
        // Page functions as source text: this project's TypeScript has no DOM types.
        const seen = (await page.evaluate(`({
          first: document.head.firstElementChild?.outerHTML ?? '',
          clientFirst: window.__brumFirst,
          appRan: window.appRan,
          title: document.title,
        })`)) as Record<string, unknown>;
        expect(seen.first).toMatch(
          /^<script src="\/__brum\/client\.js\?s=chromium-secret-0123456789" data-brum-client="?"?><\/script>$/,
        );
        expect(seen).toMatchObject({ clientFirst: true, appRan: true, title: 'fixture' });
      } finally {
        await page.close();
      }
    });
  }

  it('runs the client under a nonce CSP (the nonce is copied), and the page inline script too', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    try {
      await page.goto(`${proxy.url}/csp-nonce`);
      const seen = await page.evaluate(`({ client: window.__brumFirst, inline: window.inline })`);
      expect(seen).toEqual({ client: true, inline: 1 });
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('opens a WebSocket from the page through the proxy (HMR path)', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${proxy.url}/`);
      const messages = await page.evaluate(`new Promise((resolve, reject) => {
        const got = [];
        const ws = new WebSocket('ws://' + location.host + '/ws');
        ws.onmessage = (e) => {
          got.push(String(e.data));
          if (got.length === 1) ws.send('from the page');
          else {
            ws.close();
            resolve(got);
          }
        };
        ws.onerror = () => reject(new Error('websocket failed'));
      })`);
      expect(messages).toEqual([`hello http://localhost:${upstream.port}`, 'from the page']);
    } finally {
      await page.close();
    }
  });
});
