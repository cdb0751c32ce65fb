/**
 * One real engine running a long-lived fixture process (`ticker`), a page-client endpoint on its
 * `engine.browser`, a test page server standing in for the proxy, and a headless Chromium.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { PageClientService } from '../../../src/browser/page-client/endpoint.js';
import type { BrumEngine } from '../../../src/core/engine/engine.js';
import type { TabSession, TelemetryEvent } from '../../../src/core/browser/types.js';
import { createTestEngine, eventually, repoPath, shutdownEngines } from '../../helpers/engine.js';
import { closeBrowsers, launchChromium } from './chromium.js';
import { startPageServer, type PageServer } from './page-server.js';

export interface Harness {
  readonly engine: BrumEngine;
  readonly endpoint: PageClientService;
  readonly server: PageServer;
  readonly browser: BrowserContext;
  readonly processId: string;
  close(): Promise<void>;
}

export async function startHarness(options: { target?: string; root?: string } = {}): Promise<Harness> {
  const engine = createTestEngine('test/fixtures/procs');
  const processId = engine.start('ticker').process.id;
  const endpoint = new PageClientService({
    feed: engine.browser,
    rootFor: () => options.root,
    projectDir: options.root ?? repoPath('test/fixtures/procs'),
  });
  const server = await startPageServer({ endpoint, processId, target: options.target });
  const browser = await launchChromium();
  return {
    engine,
    endpoint,
    server,
    browser,
    processId,
    close: async () => {
      await closeBrowsers();
      endpoint.close();
      await server.close();
      await shutdownEngines();
    },
  };
}

/** Opens `path` in a new tab and waits for its page client to connect; returns the page and its session. */
export async function openTab(h: Harness, path: string): Promise<{ page: Page; session: TabSession }> {
  const before = new Set(h.engine.browser.sessions().map((s) => `${s.tab} ${s.load}`));
  const page = await h.browser.newPage();
  await page.goto(h.server.origin + path);
  const session = await eventually(
    () => h.engine.browser.sessions().find((s) => s.connected && !before.has(`${s.tab} ${s.load}`)),
    20_000,
    `a tab connected for ${path}`,
  );
  return { page, session };
}

/** Waits until the events of `tab` include one matching `match`. */
export function eventOf(
  h: Harness,
  tab: string,
  match: (e: TelemetryEvent) => boolean,
  what: string,
): Promise<TelemetryEvent> {
  return eventually(() => h.engine.browser.events({ tab, limit: 1000 }).items.find(match), 20_000, what);
}

/**
 * Waits until `session`'s tab is connected again with a new load (after a reload or a navigation),
 * and, when given, `also` holds for it; returns that session.
 */
export function nextLoad(
  h: Harness,
  session: Pick<TabSession, 'tab' | 'load'>,
  what: string,
  also: (s: TabSession) => boolean = () => true,
): Promise<TabSession> {
  return eventually(
    () =>
      h.engine.browser
        .sessions()
        .find((s) => s.tab === session.tab && s.connected && s.load !== session.load && also(s)),
    10_000,
    what,
  );
}
