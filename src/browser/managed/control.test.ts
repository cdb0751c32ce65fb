/**
 * BrowserControl over a real Chromium and a real HTTP server: screenshots (file + bounded inline
 * copy), ARIA snapshots (bounded, saved when large), tab targets (live managed tab vs a person's tab
 * rendered at its viewport), opening URLs.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireChromium } from '../../../test/helpers/chromium.js';
import { serveHtml, type HtmlServer } from '../../../test/helpers/html-server.js';
import type { BrowserView, TabSession } from '../../core/browser/types.js';
import { groupMembers } from '../../core/process/process-group.js';
import { ManagedBrowserControl, MAX_SNAPSHOT_BYTES } from './control.js';
import { imageSize, INLINE_MAX_BYTES, INLINE_MAX_WIDTH } from './image.js';

/** A page of deterministic noise: JPEG cannot compress it, so the inline copy must shrink. */
const NOISE = `<!doctype html><title>noise</title><body style="margin:0"><canvas id=c width=1280 height=800></canvas><script>
const c = document.getElementById('c').getContext('2d'); const img = c.createImageData(1280, 800);
let s = 7; for (let i = 0; i < img.data.length; i++) { s = (s * 1103515245 + 12345) & 0x7fffffff; img.data[i] = i % 4 === 3 ? 255 : (s >> 16) & 255; }
c.putImageData(img, 0, 0);</script>`;

const PAGES: Record<string, string> = {
  '/': '<!doctype html><title>Home</title><h1>Hello</h1><button id=go>Go</button><p style="height:2000px">tall</p>',
  '/noise': NOISE,
  '/big': `<!doctype html><title>Big</title><main><ul>${Array.from({ length: 4000 }, (_, i) => `<li>item number ${i} with some words</li>`).join('')}</ul></main>`,
  // Stands in for the injected page client, which keeps its tab id in sessionStorage.
  '/client':
    '<!doctype html><title>Client</title><h1>managed</h1><script>sessionStorage.setItem("__brum_tab", "t-managed")</script>',
  '/viewport':
    '<!doctype html><title>vp</title><p id=size></p><script>document.title = innerWidth + "x" + innerHeight</script>',
};

let server: HtmlServer;
let base: string;
let project: string;
let sessions: TabSession[] = [];
let control: ManagedBrowserControl;
const opened: string[] = [];

const view: Pick<BrowserView, 'sessions' | 'proxyUrlFor'> = {
  sessions: () => sessions,
  proxyUrlFor: () => undefined,
};

beforeAll(async () => {
  requireChromium();
  server = await serveHtml(PAGES);
  base = server.base;
  project = mkdtempSync(join(tmpdir(), 'brum-control-test-'));
  control = new ManagedBrowserControl({
    projectDir: project,
    config: { idleTimeoutMs: 60_000 },
    view: view as BrowserView,
    hasDisplay: () => true,
    openExternal: async (url) => void opened.push(url),
  });
});

afterAll(async () => {
  const pid = control.browser.pid;
  await control.close();
  if (pid) expect(groupMembers(pid)).toEqual([]);
  await server.close();
  rmSync(project, { recursive: true, force: true });
});

describe('browser_screenshot (control.screenshot)', () => {
  it('saves the full image and inlines a small copy', async () => {
    const shot = await control.screenshot({ url: `${base}/` });
    expect(existsSync(shot.path)).toBe(true);
    expect(shot.path.startsWith(join(project, '.brum', 'artifacts'))).toBe(true);
    expect(imageSize(readFileSync(shot.path))).toEqual({ width: 1280, height: 800 });
    expect(statSync(shot.path).size).toBe(shot.bytes);
    expect(shot.inline).toBeDefined();
    expect(shot.inline!.mimeType).toBe('image/jpeg');
    expect(shot.inline!.width).toBeLessThanOrEqual(INLINE_MAX_WIDTH);
    expect(Buffer.from(shot.inline!.data, 'base64').length).toBe(shot.inline!.bytes);
    expect(imageSize(Buffer.from(shot.inline!.data, 'base64'))).toEqual({
      width: shot.inline!.width,
      height: shot.inline!.height,
    });
    expect(shot).toMatchObject({ title: 'Home', source: 'rendered', url: `${base}/` });
  });

  it('keeps the inline copy under the cap for an incompressible page (full size stays in the file)', async () => {
    const shot = await control.screenshot({ url: `${base}/noise`, format: 'webp', fullPage: true });
    expect(existsSync(shot.path)).toBe(true);
    expect(shot.width).toBe(1280);
    if (shot.inline) {
      expect(shot.inline.bytes).toBeLessThanOrEqual(INLINE_MAX_BYTES);
      expect(shot.inline.width).toBeLessThanOrEqual(INLINE_MAX_WIDTH);
      expect(shot.inline.mimeType).toBe('image/webp');
    } else {
      expect(shot.inlineOmitted).toMatch(/too large/);
    }
    // The file is the real, full-resolution picture (PNG for webp): bigger than any inline copy.
    expect(shot.bytes).toBeGreaterThan(INLINE_MAX_BYTES);
  });

  it('inline: false returns no image data at all', async () => {
    const shot = await control.screenshot({ url: `${base}/`, inline: false });
    expect(shot.inline).toBeUndefined();
    expect(shot.inlineOmitted).toMatch(/inline: false/);
    expect(existsSync(shot.path)).toBe(true);
  });

  it('captures one element, the full page, and names a selector that matches nothing', async () => {
    const element = await control.screenshot({ url: `${base}/`, selector: '#go', inline: false });
    expect(element.width).toBeLessThan(200);
    const full = await control.screenshot({ url: `${base}/`, fullPage: true, inline: false });
    expect(full.height).toBeGreaterThan(2000);
    await expect(
      control.screenshot({ url: `${base}/`, selector: '#missing', inline: false }),
    ).rejects.toThrow(/no visible element matches selector "#missing"/);
  });

  it("renders a person's tab at that tab's viewport and says it did", async () => {
    sessions = [
      {
        tab: 't-person',
        load: 'l1',
        url: `${base}/viewport`,
        title: 'vp',
        connected: true,
        connectedAt: 1,
        lastSeen: 2,
        viewport: { width: 800, height: 600 },
      },
    ];
    const shot = await control.screenshot({ inline: false });
    expect(shot).toMatchObject({
      tab: 't-person',
      source: 'rendered',
      title: '800x600',
      width: 800,
      height: 600,
    });
    expect(shot.notes.join(' ')).toMatch(/person's own browser: rendered its URL .* \(800x600\)/);
    sessions = [];
  });

  it('refuses what it cannot load, in one line', async () => {
    await expect(control.screenshot({ url: 'file:///etc/passwd' })).rejects.toThrow(/only http\(s\) URLs/);
    await expect(control.screenshot({ url: 'not a url' })).rejects.toThrow(/not a URL/);
    await expect(control.screenshot({ tab: 'nope' })).rejects.toThrow(/no tab "nope"/);
  });
});

describe('browser_snapshot (control.snapshot)', () => {
  it('returns the ARIA snapshot of a page', async () => {
    const snap = await control.snapshot({ url: `${base}/` });
    expect(snap.text).toContain('heading "Hello" [level=1]');
    expect(snap.text).toContain('button "Go"');
    expect(snap.truncated).toBe(false);
    expect(snap.path).toBeUndefined();
  });

  it('bounds a large snapshot, flags it, and saves the whole one', async () => {
    const snap = await control.snapshot({ url: `${base}/big` });
    expect(snap.truncated).toBe(true);
    expect(Buffer.byteLength(snap.text)).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES);
    expect(snap.bytes).toBeGreaterThan(MAX_SNAPSHOT_BYTES);
    expect(readFileSync(snap.path!, 'utf8')).toContain('item number 3999');
    const shallow = await control.snapshot({ url: `${base}/big`, depth: 1 });
    expect(shallow.bytes).toBeLessThan(snap.bytes);
  });
});

describe('browser_open (control.open)', () => {
  it("opens in the person's browser when there is a display", async () => {
    const result = await control.open({ url: `${base}/` });
    expect(result.where).toBe('person');
    expect(opened).toEqual([`${base}/`]);
  });

  it('opens headless in the managed browser; without a page client it says the tab will not be listed', async () => {
    const result = await control.open({ url: `${base}/`, headless: true });
    expect(result.where).toBe('managed');
    expect(result.tab).toBeUndefined();
    expect(result.notes.join(' ')).toMatch(/page client did not connect/);
    expect(control.managedPages().map((p) => p.url())).toContain(`${base}/`);
  });

  it('a managed tab is named by its page client, and captured live (not re-rendered)', async () => {
    // The page client of the new tab reports it (here: the stand-in page sets the id the client would).
    sessions = [
      {
        tab: 't-managed',
        load: 'l',
        url: `${base}/client`,
        title: 'Client',
        connected: true,
        connectedAt: 1,
        lastSeen: 1,
      },
    ];
    const result = await control.open({ url: `${base}/client`, headless: true });
    expect(result).toMatchObject({ where: 'managed', tab: 't-managed' });
    const live = control.managedPages().find((p) => p.url() === `${base}/client`)!;
    await live.evaluate('document.querySelector("h1").textContent = "changed in the tab"');
    const snap = await control.snapshot({ tab: 't-managed' });
    expect(snap).toMatchObject({ tab: 't-managed', source: 'live' });
    expect(snap.text).toContain('changed in the tab'); // the tab's own state, not a fresh load
    const shot = await control.screenshot({ tab: 't-managed', inline: false });
    expect(shot).toMatchObject({ tab: 't-managed', source: 'live' });
    sessions = [];
  });

  it('refuses anything but http(s)', async () => {
    await expect(control.open({ url: 'javascript:alert(1)' })).rejects.toThrow(/only http\(s\) URLs/);
  });
});
