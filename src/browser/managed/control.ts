/**
 * `BrowserControl` over the managed browser: screenshots, ARIA snapshots, opening URLs. Attached to
 * `engine.browser` by the composition root; front-ends (MCP tools, the TUI) only see the interface.
 *
 * Targets: a `url` (a dev server's origin goes through its proxy, so the page client reports from
 * it), or a `tab` from the sessions. A tab of the managed browser is captured live; a tab of the
 * person's own browser cannot be — its URL is rendered afresh at that tab's viewport, and the result
 * says so.
 */
import type { Page } from 'playwright-core';
import { chooseTab } from '../../core/browser/targeting.js';
import type {
  BrowserControl,
  BrowserView,
  ImageFormat,
  ManagedBrowserInfo,
  OpenRequest,
  OpenResult,
  ScreenshotRequest,
  ScreenshotResult,
  SnapshotRequest,
  SnapshotResult,
  TabSession,
} from '../../core/browser/types.js';
import type { BrowserConfig } from '../../core/config/types.js';
import { ArtifactStore } from './artifacts.js';
import { downscaleForInline, fitsInline, imageSize } from './image.js';
import { DEFAULT_VIEWPORT, ManagedBrowser } from './managed-browser.js';
import { hasDisplay, openInPersonsBrowser } from './open-external.js';
import { checkHttpUrl } from '../../core/http-url.js';

/** Snapshot text returned in a response; the whole one goes to a file beyond this. */
export const MAX_SNAPSHOT_BYTES = 48 * 1024;
/** Managed pages kept open (browser_open headless); the oldest is closed beyond this. */
export const MAX_MANAGED_PAGES = 8;
const NAVIGATION_TIMEOUT_MS = 20_000;
const ELEMENT_TIMEOUT_MS = 5_000;
const SNAPSHOT_TIMEOUT_MS = 10_000;
const MAX_VIEWPORT = 4096;
/** How long `open({ headless })` waits for the page client of the new tab to connect. */
const SESSION_WAIT_MS = 3_000;
/**
 * Where the injected page client keeps its tab id (sessionStorage, `src/browser/page-client/client/
 * ids.ts`): how a managed page is matched to its tab exactly, whatever its URL.
 */
const TAB_ID_KEY = '__brum_tab';

export interface ManagedControlOptions {
  readonly projectDir: string;
  readonly config: BrowserConfig;
  readonly view: BrowserView;
  /** URLs the processes printed, newest last (for a screenshot with neither tab nor url). */
  readonly processUrls?: () => readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** For tests: whether the person's browser can be shown. Default: a display is set (or macOS/Windows). */
  readonly hasDisplay?: () => boolean;
  /** For tests: how a URL is opened in the person's browser. */
  readonly openExternal?: (url: string) => Promise<void>;
}

interface Target {
  readonly url: string;
  readonly tab?: string;
  readonly viewport: { readonly width: number; readonly height: number };
  /** The managed page showing the tab, when the tab is one of ours. */
  readonly live?: Page;
  readonly notes: string[];
}

export class ManagedBrowserControl implements BrowserControl {
  readonly browser: ManagedBrowser;
  readonly artifacts: ArtifactStore;
  /** Pages opened with `open({ headless })`, oldest first. */
  readonly #pages: Page[] = [];
  #encoder: Page | undefined;

  constructor(private readonly options: ManagedControlOptions) {
    this.browser = new ManagedBrowser({
      projectDir: options.projectDir,
      config: options.config,
      ...(options.env ? { env: options.env } : {}),
      ...(options.log ? { log: options.log } : {}),
    });
    this.artifacts = new ArtifactStore(options.projectDir);
  }

  info(): ManagedBrowserInfo {
    const status = this.browser.status();
    return {
      running: status.running,
      ...(status.pid ? { pid: status.pid } : {}),
      ...(status.executable ? { executable: status.executable } : {}),
      idleTimeoutMs: status.idleTimeoutMs,
      pages: this.#livePages().length,
    };
  }

  /** Managed pages (browser_open headless) still open, oldest first. */
  managedPages(): readonly Page[] {
    return this.#livePages();
  }

  async screenshot(request: ScreenshotRequest): Promise<ScreenshotResult> {
    const started = performance.now();
    const target = await this.#target(request.tab, request.url);
    const format: ImageFormat = request.format ?? 'jpeg';
    return this.#withPage(target, async (page, launchMs) => {
      const fileType = format === 'jpeg' ? 'jpeg' : 'png';
      let image: Buffer;
      if (request.selector !== undefined) {
        const element = page.locator(request.selector).first();
        try {
          image = await element.screenshot({
            type: fileType,
            timeout: ELEMENT_TIMEOUT_MS,
            ...quality(fileType),
          });
        } catch (error) {
          throw new Error(
            `no visible element matches selector ${JSON.stringify(request.selector)} on ${page.url()} within ${ELEMENT_TIMEOUT_MS} ms (${firstLine(error)})`,
            { cause: error },
          );
        }
      } else {
        image = await page.screenshot({
          type: fileType,
          fullPage: request.fullPage === true,
          ...quality(fileType),
        });
      }
      const size = imageSize(image) ?? target.viewport;
      const path = this.artifacts.save('screenshot', fileType, image);
      let inline: ScreenshotResult['inline'];
      let inlineOmitted: string | undefined;
      if (request.inline === false) {
        inlineOmitted = 'inline: false (the image is only saved)';
      } else if (fileType === 'jpeg' && fitsInline(size, image.length)) {
        // The saved JPEG is already small enough: it is the inline copy (no second encoding).
        inline = { data: image.toString('base64'), mimeType: 'image/jpeg', ...size, bytes: image.length };
      } else {
        const encoder = await this.#encoderPage(page);
        const scaled = await downscaleForInline(encoder, image, size, format);
        inline = scaled.image;
        inlineOmitted = scaled.omitted;
      }
      return {
        path,
        mimeType: `image/${fileType}`,
        width: size.width,
        height: size.height,
        bytes: image.length,
        url: page.url(),
        title: await pageTitle(page),
        ...(target.tab ? { tab: target.tab } : {}),
        source: target.live ? 'live' : 'rendered',
        viewport: target.viewport,
        notes: target.notes,
        ...(inline ? { inline } : {}),
        ...(inlineOmitted ? { inlineOmitted } : {}),
        launchMs,
        totalMs: Math.round(performance.now() - started),
      };
    });
  }

  async snapshot(request: SnapshotRequest): Promise<SnapshotResult> {
    const target = await this.#target(request.tab, request.url);
    return this.#withPage(target, async (page) => {
      const whole = await page.ariaSnapshot({
        timeout: SNAPSHOT_TIMEOUT_MS,
        ...(request.depth === undefined ? {} : { depth: request.depth }),
      });
      const bytes = Buffer.byteLength(whole, 'utf8');
      const truncated = bytes > MAX_SNAPSHOT_BYTES;
      const path = truncated ? this.artifacts.save('snapshot', 'yaml', whole) : undefined;
      return {
        text: truncated ? cutAtLine(whole, MAX_SNAPSHOT_BYTES) : whole,
        truncated,
        bytes,
        ...(path ? { path } : {}),
        url: page.url(),
        title: await pageTitle(page),
        ...(target.tab ? { tab: target.tab } : {}),
        source: target.live ? 'live' : 'rendered',
        notes: target.notes,
      };
    });
  }

  async open(request: OpenRequest): Promise<OpenResult> {
    const { url, notes } = this.#proxied(request.url);
    const display = (this.options.hasDisplay ?? (() => hasDisplay()))();
    if (request.headless !== true && display) {
      await (this.options.openExternal ?? openInPersonsBrowser)(url);
      return { where: 'person', url, notes };
    }
    if (request.headless !== true)
      notes.push("no display found, so it opened in brum's managed (headless) browser");
    const tab = await this.browser.use(async (context) => {
      const page = await context.newPage();
      this.#pages.push(page);
      page.once('close', () => {
        const index = this.#pages.indexOf(page);
        if (index >= 0) this.#pages.splice(index, 1);
      });
      while (this.#livePages().length > MAX_MANAGED_PAGES) {
        const oldest = this.#livePages()[0]!;
        notes.push(`closed the oldest managed tab (${oldest.url()}): at most ${MAX_MANAGED_PAGES} stay open`);
        await oldest.close().catch(() => undefined);
      }
      const response = await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
      if (response && response.status() >= 400) notes.push(`the page answered HTTP ${response.status()}`);
      return this.#waitForSession(page);
    });
    if (tab === undefined) {
      notes.push(
        "its page client did not connect, so the tab is not in telemetry_sessions (is the URL served through brum's proxy?)",
      );
    }
    return { where: 'managed', url, ...(tab ? { tab } : {}), notes };
  }

  close(): Promise<void> {
    this.#pages.length = 0;
    this.#encoder = undefined;
    return this.browser.dispose();
  }

  killNow(): void {
    this.browser.killNow();
  }

  // ---- internals

  #livePages(): Page[] {
    return this.#pages.filter((page) => !page.isClosed());
  }

  /** A URL through its proxy when one serves its origin; only http(s). */
  #proxied(raw: string): { url: string; notes: string[] } {
    const { url: parsed, error } = checkHttpUrl(raw);
    if (error !== undefined) throw new Error(error);
    const proxied = this.options.view.proxyUrlFor(parsed.href);
    if (proxied && proxied !== parsed.href) {
      return {
        url: proxied,
        notes: [`${parsed.origin} goes through brum's proxy: ${new URL(proxied).origin}`],
      };
    }
    return { url: parsed.href, notes: [] };
  }

  async #target(tab: string | undefined, url: string | undefined): Promise<Target> {
    if (url !== undefined) {
      const { url: resolved, notes } = this.#proxied(url);
      return { url: resolved, viewport: DEFAULT_VIEWPORT, notes };
    }
    const sessions = this.options.view.sessions();
    if (tab === undefined && sessions.every((s) => !s.connected)) {
      const fallback = this.options.processUrls?.().at(-1);
      if (fallback === undefined) {
        throw new Error(
          'nothing to capture: no browser tab is connected and no process printed a URL; pass url (or tab)',
        );
      }
      const { url: resolved, notes } = this.#proxied(fallback);
      return {
        url: resolved,
        viewport: DEFAULT_VIEWPORT,
        notes: [`no tab named: captured ${fallback}`, ...notes],
      };
    }
    const choice = chooseTab(sessions, tab, 'read');
    if (!choice.ok) throw new Error(choice.message);
    return this.#tabTarget(choice.session, choice.chosen, await this.#pageOfTab(choice.session.tab));
  }

  /** The tab id of a managed page's page client, once its session is known (bounded wait). */
  async #waitForSession(page: Page): Promise<string | undefined> {
    const end = performance.now() + SESSION_WAIT_MS;
    for (;;) {
      const tab = await tabIdOf(page);
      if (tab !== undefined && this.options.view.sessions().some((s) => s.tab === tab && s.connected))
        return tab;
      if (performance.now() > end) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The managed page whose page client reported as `tab`, if any. */
  async #pageOfTab(tab: string): Promise<Page | undefined> {
    for (const page of this.#livePages()) if ((await tabIdOf(page)) === tab) return page;
    return undefined;
  }

  #tabTarget(session: TabSession, chosen: 'named' | 'only' | 'most-recent', live: Page | undefined): Target {
    const notes: string[] = [];
    if (chosen === 'most-recent')
      notes.push(`several tabs are connected: used the most recently active one, ${session.tab}`);
    const viewport = clampViewport(session.viewport ?? DEFAULT_VIEWPORT);
    if (live) return { url: session.url, tab: session.tab, viewport, live, notes };
    notes.push(
      `tab ${session.tab} is in ${session.managed ? 'a browser brum cannot capture' : "the person's own browser"}: rendered its URL in brum's managed browser at its viewport (${viewport.width}x${viewport.height}); state that lives only in that tab (scroll, form input, client-side changes) is not in this picture`,
    );
    return { url: session.url, tab: session.tab, viewport, notes };
  }

  /** Runs `work` on the target's page: the live managed page, or a fresh one loaded with the URL and closed after. */
  async #withPage<T>(target: Target, work: (page: Page, launchMs: number) => Promise<T>): Promise<T> {
    const wasRunning = this.browser.status().running;
    const asked = performance.now();
    return this.browser.use(async (context) => {
      const launchMs = wasRunning ? 0 : Math.round(performance.now() - asked);
      if (target.live && !target.live.isClosed()) return work(target.live, launchMs);
      const page = await context.newPage();
      try {
        await page.setViewportSize({ width: target.viewport.width, height: target.viewport.height });
        let response;
        try {
          response = await page.goto(target.url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
        } catch (error) {
          throw new Error(`could not load ${target.url} in the managed browser: ${firstLine(error)}`, {
            cause: error,
          });
        }
        if (response && response.status() >= 400)
          target.notes.push(`the page answered HTTP ${response.status()}`);
        return await work(page, launchMs);
      } finally {
        await page.close().catch(() => undefined);
      }
    });
  }

  /** A blank page of the managed browser used to encode inline copies (kept between calls). */
  async #encoderPage(near: Page): Promise<Page> {
    if (this.#encoder && !this.#encoder.isClosed() && this.#encoder.context() === near.context())
      return this.#encoder;
    this.#encoder = await near.context().newPage();
    return this.#encoder;
  }
}

async function tabIdOf(page: Page): Promise<string | undefined> {
  if (page.isClosed()) return undefined;
  try {
    const value: unknown = await page.evaluate(
      `(() => { try { return sessionStorage.getItem(${JSON.stringify(TAB_ID_KEY)}); } catch { return null; } })()`,
    );
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined; // navigating, or closed meanwhile
  }
}

function quality(type: 'png' | 'jpeg'): { quality?: number } {
  return type === 'jpeg' ? { quality: 85 } : {};
}

function clampViewport(viewport: { width: number; height: number }): { width: number; height: number } {
  const clamp = (n: number) => Math.max(200, Math.min(MAX_VIEWPORT, Math.round(n)));
  return { width: clamp(viewport.width), height: clamp(viewport.height) };
}

async function pageTitle(page: Page): Promise<string> {
  try {
    return (await page.title()).slice(0, 300);
  } catch {
    return '';
  }
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).slice(0, 300);
}

/** The longest prefix of whole lines within `maxBytes`. */
export function cutAtLine(text: string, maxBytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= maxBytes) return text;
  const head = buffer.subarray(0, maxBytes).toString('utf8');
  const end = head.lastIndexOf('\n');
  return (end > 0 ? head.slice(0, end) : head.replace(/\uFFFD$/, '')) + '\n';
}
