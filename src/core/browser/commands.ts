/**
 * The command channel's bookkeeping, brum's side: ids, pending answers, timeouts, and a clear error
 * when a tab goes away before answering. Transport-free: the page-client endpoint attaches a
 * `CommandPort` that puts commands on a tab's socket and calls `answered` with what comes back.
 */
import { BrumError } from '../errors.js';
import type { Unsubscribe } from '../events.js';
import type { BrowserCommand, CommandPort, CommandResult, TabSession } from './types.js';

export const DEFAULT_COMMAND_TIMEOUT_MS = 5_000;
export const MAX_COMMAND_TIMEOUT_MS = 60_000;
/** Commands waiting for an answer, over all tabs; more are refused rather than queued. */
export const MAX_PENDING_COMMANDS = 64;

interface Pending {
  readonly tab: string;
  readonly load: string;
  readonly startedAt: number;
  readonly resolve: (result: CommandResult) => void;
  readonly reject: (error: BrumError) => void;
  readonly timer: NodeJS.Timeout;
}

export class CommandChannel {
  #port: CommandPort | undefined;
  readonly #pending = new Map<string, Pending>();
  #nextId = 1;

  constructor(
    private readonly tabs: (tab: string) => TabSession | undefined,
    private readonly knownTabs: () => readonly TabSession[],
    private readonly now: () => number,
  ) {}

  attach(port: CommandPort): Unsubscribe {
    this.#port = port;
    return () => {
      if (this.#port !== port) return;
      this.#port = undefined;
      for (const [id, p] of this.#pending) {
        this.#settle(id);
        p.reject(
          new BrumError(
            'BROWSER_UNAVAILABLE',
            `the page-client endpoint closed before tab ${p.tab} answered`,
          ),
        );
      }
    };
  }

  send(tab: string, command: BrowserCommand, timeoutMs = DEFAULT_COMMAND_TIMEOUT_MS): Promise<CommandResult> {
    const session = this.tabs(tab);
    if (session === undefined) return Promise.reject(unknownTab(tab, this.knownTabs()));
    if (!session.connected)
      return Promise.reject(
        new BrumError(
          'TAB_DISCONNECTED',
          `Tab ${tab} (${session.url}) is not connected: it was closed, or it is loading. Pick a connected tab from telemetry_sessions.`,
          { details: { tab } },
        ),
      );
    const port = this.#port;
    if (port === undefined)
      return Promise.reject(
        new BrumError('BROWSER_UNAVAILABLE', 'No page-client endpoint is running (the proxy is off?).'),
      );
    if (this.#pending.size >= MAX_PENDING_COMMANDS)
      return Promise.reject(
        new BrumError(
          'RESOURCE_EXHAUSTED',
          `${MAX_PENDING_COMMANDS} browser commands are already waiting for an answer; try again when they finish.`,
        ),
      );
    const timeout = Math.min(Math.max(1, Math.round(timeoutMs)), MAX_COMMAND_TIMEOUT_MS);
    const id = `c${this.#nextId++}`;
    return new Promise<CommandResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.#settle(id)) return;
        reject(
          new BrumError(
            'COMMAND_TIMEOUT',
            `Tab ${tab} did not answer ${command.type} command ${id} within ${timeout} ms (the page may be busy, or the evaluation never settled).`,
            { details: { tab, id, timeoutMs: timeout } },
          ),
        );
      }, timeout);
      timer.unref();
      this.#pending.set(id, { tab, load: session.load, startedAt: this.now(), resolve, reject, timer });
      let sent = false;
      try {
        sent = port.send(tab, { ...command, id, timeoutMs: timeout });
      } catch {
        sent = false;
      }
      if (!sent && this.#settle(id))
        reject(
          new BrumError('TAB_DISCONNECTED', `Tab ${tab} has no live connection to send ${command.type} to.`, {
            details: { tab },
          }),
        );
    });
  }

  /** An answer from `tab`; ignored unless that tab has command `answer.id` pending. */
  answered(tab: string, answer: Omit<CommandResult, 'tab' | 'load' | 'durationMs'>): void {
    const pending = this.#pending.get(answer.id);
    if (pending === undefined || pending.tab !== tab) return;
    this.#settle(answer.id);
    pending.resolve(
      Object.freeze({ ...answer, tab, load: pending.load, durationMs: this.now() - pending.startedAt }),
    );
  }

  /** The tab's connection closed: every command it has not answered fails now, not at its timeout. */
  disconnected(tab: string, load: string): void {
    for (const [id, p] of this.#pending) {
      if (p.tab !== tab || p.load !== load) continue;
      this.#settle(id);
      p.reject(
        new BrumError(
          'TAB_DISCONNECTED',
          `Tab ${tab} disconnected before answering command ${id} (it reloaded, navigated away or was closed).`,
          { details: { tab, id } },
        ),
      );
    }
  }

  /** Removes a pending command; false when it was already settled. */
  #settle(id: string): boolean {
    const p = this.#pending.get(id);
    if (p === undefined) return false;
    clearTimeout(p.timer);
    this.#pending.delete(id);
    return true;
  }
}

function unknownTab(tab: string, known: readonly TabSession[]): BrumError {
  const list = known
    .filter((s) => s.connected)
    .slice(0, 10)
    .map((s) => `${s.tab} (${s.url})`);
  return new BrumError(
    'UNKNOWN_TAB',
    `No tab "${tab}". ` + (list.length > 0 ? `Connected tabs: ${list.join(', ')}.` : 'No tab is connected.'),
    { details: { tab, known: list } },
  );
}
