/**
 * A real Vite dev server (from npm) in a fixture project, through brum's own proxy and page client
 * as the composition root wires them (`startProxies`): a console error and a thrown error in a
 * component reach brum as browser events and error records naming the project's `.tsx` file and line
 * (through Vite's source maps, not `http://…/src/App.tsx?t=…`); fixing the file resolves them; an
 * edit reaches the page by HMR through the proxy.
 */
import { copyFileSync, cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { startProxies, type BrowserLayer } from '../../../src/cli/proxies.js';
import { DEFAULT_CONFIG } from '../../../src/core/config/defaults.js';
import { BrumEngine } from '../../../src/core/engine/engine.js';
import { discoverScripts } from '../../../src/core/scripts/discover.js';
import { eventually, repoPath } from '../../helpers/engine.js';
import { connectLegacy, textOf } from '../../mcp/connect.js';
import { closeBrowsers, launchChromium } from './chromium.js';

let dir: string;
let engine: BrumEngine;
let proxies: BrowserLayer | undefined;
let proxyUrl: string;
let browser: BrowserContext;
let processId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'brum-vite-'));
  cpSync(repoPath('test/fixtures/vite-app'), dir, { recursive: true });
  symlinkSync(repoPath('node_modules'), join(dir, 'node_modules'), 'dir');
  engine = new BrumEngine({ catalog: discoverScripts(dir), config: DEFAULT_CONFIG });
  processId = engine.start('dev').process.id;
  const url = await eventually(() => engine.get(processId)?.urls[0], 30_000, 'Vite to print its URL');
  proxies = await startProxies(engine, { ...DEFAULT_CONFIG, proxy: { ...DEFAULT_CONFIG.proxy, port: 0 } });
  proxyUrl = await eventually(() => engine.browser.proxyUrlFor(url), 30_000, 'the proxy to listen');
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await closeBrowsers();
  await proxies?.close();
  await engine?.shutdown();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a Vite app through the page client', () => {
  it('maps a console error and a thrown error to src/App.tsx, and fixing the file resolves them', async () => {
    const page = await browser.newPage();
    await page.goto(proxyUrl);
    const browserErrors = () =>
      engine.errors({ processId, includeWarnings: true }).filter((r) => r.kind === 'browser');
    const [consoleError, thrown] = await eventually(
      () => {
        const records = browserErrors();
        const c = records.find((r) => r.code === 'console.error');
        const t = records.find((r) => r.code === 'TypeError');
        return c && t ? ([c, t] as const) : undefined;
      },
      20_000,
      'both browser error records',
    );
    expect(consoleError).toMatchObject({
      file: 'src/App.tsx',
      line: 8,
      message: 'App rendered without a user brum',
    });
    expect(thrown).toMatchObject({ file: 'src/App.tsx', line: 10 });
    expect(thrown.message).toMatch(/^TypeError: Cannot read properties of undefined/);
    expect(thrown.stack.some((frame) => frame.includes('src/App.tsx:10:'))).toBe(true);
    // The events say the same, with the page's own URL kept beside the mapped file.
    const event = engine.browser
      .events({ kind: 'error', limit: 100 })
      .items.find((e) => e.message.startsWith('TypeError'));
    expect(event?.location).toMatchObject({ file: 'src/App.tsx', line: 10 });
    expect(event?.location?.url).toMatch(/\/src\/App\.tsx/);
    // The process's log has a line for each.
    const logged = engine
      .tailLogs(processId, 200)
      .filter((l) => l.stream === 'system' && l.text.startsWith('browser tab'));
    expect(logged.map((l) => l.text).join('\n')).toContain('(src/App.tsx:10:');

    // Through MCP: errors_list has them beside the others, telemetry_events has the page's view.
    const mcp = await connectLegacy(engine);
    try {
      const listed = await mcp.client.callTool({ name: 'errors_list', arguments: { process_id: 'dev' } });
      expect(textOf(listed)).toMatch(
        /\[browser TypeError\] TypeError: Cannot read properties of undefined.* at src\/App\.tsx:10:/,
      );
      expect(textOf(listed)).toContain('page output');
      const events = await mcp.client.callTool({
        name: 'telemetry_events',
        arguments: { kind: 'console', level: 'error' },
      });
      expect(textOf(events)).toMatch(/App rendered without a user brum at src\/App\.tsx:8:/);
    } finally {
      await mcp.close();
    }

    copyFileSync(join(dir, 'src/App.fixed.tsx'), join(dir, 'src/App.tsx'));
    await eventually(
      () => browserErrors().every((r) => r.resolved === true) && browserErrors().length === 0,
      30_000,
      'the browser errors to be resolved after the fix',
    );
    const resolved = engine
      .errors({ processId, includeResolved: true, includeWarnings: true })
      .filter((r) => r.kind === 'browser');
    expect(resolved.map((r) => r.code).sort()).toEqual(['TypeError', 'console.error']);
    expect(resolved.every((r) => r.resolved)).toBe(true);
    // Vite told the page to reload over its HMR WebSocket, through the proxy: the page shows the fix.
    await page.waitForFunction("document.getElementById('app')?.textContent === 'hello brum'", undefined, {
      timeout: 20_000,
    });
    await page.close();
  }, 90_000);
});
