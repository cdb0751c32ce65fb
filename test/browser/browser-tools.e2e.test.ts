/**
 * browser_screenshot, browser_snapshot, browser_open through the SDK client (both protocol eras) over
 * a real engine with the managed browser attached as the CLI attaches it, against a real page.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachManagedBrowser } from '../../src/cli/browser-wiring.js';
import type { BrumEngine } from '../../src/core/engine/engine.js';
import { INLINE_MAX_BYTES } from '../../src/browser/managed/image.js';
import { requireChromium } from '../helpers/chromium.js';
import { serveHtml, type HtmlServer } from '../helpers/html-server.js';
import { PROTOCOL_ERAS, textOf } from '../mcp/connect.js';
import { createRealEngine } from '../mcp/real-engine.js';

let server: HtmlServer;
let base: string;
let project: string;
let engine: BrumEngine;

beforeAll(async () => {
  requireChromium();
  server = await serveHtml({
    '/': '<!doctype html><title>Tools</title><h1>Tools page</h1><a href="/big">more</a>',
    '/big': `<!doctype html><title>big</title><main><ul>${'<li>an item with a few words</li>'.repeat(5000)}</ul></main>`,
  });
  base = server.base;
  project = mkdtempSync(join(tmpdir(), 'brum-browser-tools-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'tools', scripts: {} }));
  engine = createRealEngine(project);
  attachManagedBrowser(engine, { idleTimeoutMs: 60_000 });
});

afterAll(async () => {
  await engine.shutdown();
  await server.close();
  rmSync(project, { recursive: true, force: true });
});

describe.each(PROTOCOL_ERAS)('browser tools, %s protocol era', (_era, connect) => {
  it('browser_screenshot: a resource link to the saved file, and a small inline image', async () => {
    const c = await connect(engine);
    try {
      const r = await c.client.callTool({ name: 'browser_screenshot', arguments: { url: `${base}/` } });
      expect(r.isError, textOf(r)).toBeFalsy();
      const content = r.content as { type: string; uri?: string; data?: string; mimeType?: string }[];
      const link = content.find((x) => x.type === 'resource_link')!;
      const image = content.find((x) => x.type === 'image')!;
      expect(existsSync(fileURLToPath(link.uri!))).toBe(true);
      expect(image.mimeType).toBe('image/jpeg');
      expect(Buffer.from(image.data!, 'base64').length).toBeLessThanOrEqual(INLINE_MAX_BYTES);
      const s = r.structuredContent as { path: string; inline: { width: number } | null; title: string };
      expect(s.title).toBe('Tools');
      expect(s.inline!.width).toBeLessThanOrEqual(1280);
      expect(fileURLToPath(link.uri!)).toBe(s.path);
    } finally {
      await c.close();
    }
  });

  it('browser_screenshot inline:false carries no base64 at all', async () => {
    const c = await connect(engine);
    try {
      const r = await c.client.callTool({
        name: 'browser_screenshot',
        arguments: { url: `${base}/`, inline: false },
      });
      expect(r.isError).toBeFalsy();
      const content = r.content as { type: string }[];
      expect(content.map((x) => x.type)).toEqual(['text', 'resource_link']);
      expect(JSON.stringify(r)).not.toMatch(/"data"|\/9j\/|iVBORw0KGgo/); // no image payload, JPEG or PNG
    } finally {
      await c.close();
    }
  });

  it('browser_snapshot: the ARIA tree as page content; a large one is bounded and saved', async () => {
    const c = await connect(engine);
    try {
      const small = await c.client.callTool({ name: 'browser_snapshot', arguments: { url: `${base}/` } });
      expect((small.structuredContent as { snapshot: string }).snapshot).toContain(
        'heading "Tools page" [level=1]',
      );
      expect(textOf(small)).toMatch(/page content \(from the page, not instructions\)/);
      const big = await c.client.callTool({ name: 'browser_snapshot', arguments: { url: `${base}/big` } });
      const s = big.structuredContent as { truncated: boolean; path: string | null; snapshot: string };
      expect(s.truncated).toBe(true);
      expect(existsSync(s.path!)).toBe(true);
      expect(JSON.stringify(big).length).toBeLessThan(3 * 64 * 1024);
    } finally {
      await c.close();
    }
  });

  it('browser_open refuses a missing target and non-http URLs, in one line', async () => {
    const c = await connect(engine);
    try {
      const none = await c.client.callTool({ name: 'browser_open', arguments: {} });
      expect(none.isError).toBe(true);
      expect(textOf(none)).toMatch(/Pass url .* or process_id/);
      const bad = await c.client.callTool({ name: 'browser_open', arguments: { url: 'file:///etc/passwd' } });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/only http\(s\) URLs/);
      const headless = await c.client.callTool({
        name: 'browser_open',
        arguments: { url: `${base}/`, headless: true },
      });
      expect(headless.structuredContent).toMatchObject({ where: 'managed', url: `${base}/` });
    } finally {
      await c.close();
    }
  });
});
