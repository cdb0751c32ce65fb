/**
 * The Chromium brum manages: launched on first use (headless, a fresh temporary profile, its own
 * process group, driven over a pipe — no debugging port is opened), closed after an idle period,
 * and never outliving brum.
 *
 * How it never outlives brum:
 * - every graceful exit path calls `close()` (through `engine.shutdown()`), every last-resort path
 *   `killNow()` (through `engine.killAllNow()`, also on `process.on('exit')`): SIGKILL to the
 *   browser's process group and the temporary folder removed, synchronously;
 * - the browser talks to brum over a pipe, so when brum dies by SIGKILL the browser sees the pipe
 *   close and quits on its own; what it leaves (its folder, or a browser that did not quit) is
 *   found through brum's record (`pid-file.ts`) by the next brum of the project.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { BrowserConfig } from '../../core/config/types.js';
import { findBrowserExecutable, type ExecutableChoice } from './executable.js';
import { destroyRecorded, removeRecord, ROOT_PREFIX, writeRecord, type BrowserRecord } from './pid-file.js';
import { findOwnChildWithArg, processStartTime } from './process-identity.js';

/** Flags for a quiet, headless, throwaway Chromium (see the Common brief; tested on Debian's). */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
]);

export const DEFAULT_VIEWPORT = Object.freeze({ width: 1280, height: 800 });
const LAUNCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 3_000;

export interface ManagedBrowserOptions {
  readonly projectDir: string;
  readonly config: BrowserConfig;
  readonly env?: NodeJS.ProcessEnv;
  /** One line about the browser's life (launched, closed when idle, crashed). */
  readonly log?: (line: string) => void;
}

export interface ManagedBrowserStatus {
  readonly running: boolean;
  readonly pid?: number;
  readonly executable?: string;
  readonly idleTimeoutMs: number;
  readonly launches: number;
}

interface Open {
  readonly context: BrowserContext;
  readonly record: BrowserRecord;
  readonly recordFile?: string;
  readonly executable: ExecutableChoice;
}

export class ManagedBrowser {
  #open: Open | undefined;
  #launching: Promise<Open> | undefined;
  #closing: Promise<void> | undefined;
  #uses = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #launches = 0;
  #disposed = false;

  constructor(private readonly options: ManagedBrowserOptions) {}

  status(): ManagedBrowserStatus {
    const open = this.#open;
    return {
      running: open !== undefined,
      ...(open ? { pid: open.record.browserPid, executable: open.executable.path } : {}),
      idleTimeoutMs: this.options.config.idleTimeoutMs,
      launches: this.#launches,
    };
  }

  /** The browser's process-group leader while it runs. */
  get pid(): number | undefined {
    return this.#open?.record.browserPid;
  }

  /**
   * Runs `work` with the browser's context, launching it first when needed. The idle timer counts
   * from the end of the last use. Throws NoBrowserError (one line saying how to install one) when
   * there is no browser to launch.
   */
  async use<T>(work: (context: BrowserContext) => Promise<T>): Promise<T> {
    if (this.#disposed) throw new Error('brum is shutting down; the managed browser is closed');
    this.#uses++;
    this.#clearIdle();
    try {
      const open = await this.#ensureOpen();
      return await work(open.context);
    } finally {
      this.#uses--;
      this.#armIdle();
    }
  }

  /** Closes the browser (gracefully, bounded) and removes its folder. Idempotent; `use` relaunches. */
  close(): Promise<void> {
    this.#clearIdle();
    this.#closing ??= (async () => {
      const open = await this.#launching?.catch(() => undefined);
      const current = this.#open ?? open;
      if (current === undefined) return;
      if (this.#open === current) this.#open = undefined;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
      });
      await Promise.race([current.context.close().catch(() => undefined), timedOut]);
      clearTimeout(timer);
      this.#forget(current);
    })().finally(() => {
      this.#closing = undefined;
    });
    return this.#closing;
  }

  /** Closes for good: later `use` calls fail. What `engine.shutdown()` calls. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    await this.close();
  }

  /** Synchronous last resort: SIGKILL the browser's group, remove its folder and record. */
  killNow(): void {
    this.#disposed = true;
    this.#clearIdle();
    const open = this.#open;
    if (open) this.#forget(open);
  }

  async #ensureOpen(): Promise<Open> {
    if (this.#closing) await this.#closing;
    if (this.#open) return this.#open;
    this.#launching ??= this.#launch().finally(() => {
      this.#launching = undefined;
    });
    return this.#launching;
  }

  async #launch(): Promise<Open> {
    const executable = findBrowserExecutable({
      ...(this.options.config.executable === undefined ? {} : { configured: this.options.config.executable }),
      ...(this.options.env ? { env: this.options.env } : {}),
    });
    const { chromium } = await import('playwright-core');
    const root = mkdtempSync(join(tmpdir(), ROOT_PREFIX));
    const profile = join(root, 'profile');
    let context: BrowserContext;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: executable.path,
        headless: true,
        args: [...CHROMIUM_ARGS],
        artifactsDir: join(root, 'artifacts'),
        viewport: { ...DEFAULT_VIEWPORT },
        timeout: LAUNCH_TIMEOUT_MS,
        // brum's exit guard owns these signals; playwright's own handlers would exit brum early.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        ...(this.options.env ? { env: this.options.env } : {}),
      });
    } catch (error) {
      rmSync(root, { recursive: true, force: true });
      const message =
        error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      throw new Error(`could not start the managed browser (${executable.path}): ${message}`, {
        cause: error,
      });
    }
    const browserPid = findOwnChildWithArg(`--user-data-dir=${profile}`) ?? 0;
    const record: BrowserRecord = {
      brumPid: process.pid,
      brumStart: processStartTime(process.pid) ?? '',
      browserPid,
      browserStart: browserPid > 0 ? (processStartTime(browserPid) ?? '') : '',
      root,
    };
    let recordFile: string | undefined;
    if (browserPid > 0 && record.brumStart !== '' && record.browserStart !== '') {
      try {
        recordFile = writeRecord(this.options.projectDir, record);
      } catch (error) {
        this.options.log?.(
          `brum: could not write the managed browser's record under .brum/ (${(error as Error).message}); it is still closed on every exit`,
        );
      }
    }
    const open: Open = { context, record, executable, ...(recordFile ? { recordFile } : {}) };
    this.#open = open;
    this.#launches++;
    context.on('close', () => {
      // Closed by us, or the browser crashed / was killed: forget it; the next use launches a new one.
      if (this.#open === open) {
        this.options.log?.('brum: the managed browser closed');
        this.#forget(open);
      }
    });
    this.#armIdle();
    if (this.#disposed) {
      this.#forget(open);
      throw new Error('brum is shutting down; the managed browser is closed');
    }
    return open;
  }

  /** Kills what is left of `open` (nothing, after a graceful close) and removes its folder and record. */
  #forget(open: Open): void {
    if (this.#open === open) this.#open = undefined;
    destroyRecorded(open.record);
    if (open.recordFile) removeRecord(open.recordFile);
  }

  #armIdle(): void {
    this.#clearIdle();
    if (this.#uses > 0 || this.#open === undefined) return;
    this.#idleTimer = setTimeout(() => {
      if (this.#uses === 0) {
        this.options.log?.(
          `brum: closing the managed browser after ${Math.round(this.options.config.idleTimeoutMs / 1000)} s unused`,
        );
        void this.close();
      }
    }, this.options.config.idleTimeoutMs);
    this.#idleTimer.unref();
  }

  #clearIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
