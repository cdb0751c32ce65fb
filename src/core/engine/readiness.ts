/**
 * When is a process "up"? When it prints its first local URL — or, if the script configures it, when a
 * log line matches `ready_pattern`, or when `ready_port` accepts connections / `ready_url` answers.
 * A configured signal replaces the URL rule (a server may print a URL long before it can serve).
 */
import type { ProcessConfig } from '../config/types.js';
import { WATCH_PASS } from '../detect/markers.js';
import { probePort } from '../detect/port-probe.js';
import type { TypedEmitter } from '../events.js';
import type { EngineEvents, WaitCondition, WaitResult } from '../engine-api.js';
import type { PatternWorker } from '../logs/pattern-worker.js';
import { preparePattern, type PreparedPattern } from '../logs/safe-regex.js';
import type { LogLine } from '../logs/types.js';
import type { ProcessManager } from '../process/process-manager.js';
import type { ProcessSnapshot } from '../process/snapshot.js';

const PROBE_INTERVAL_MS = 250;
const PROBE_TIMEOUT_MS = 1000;
/** How many of a batch's last lines are checked for a watcher's pass line (it prints a few after it). */
const WATCH_PASS_LINES = 3;

/** A `ready_pattern` sees the first this-many characters of each line (ready messages are short). */
export const READY_LINE_CHARS = 4096;
/** Characters of lines waiting for the pattern worker, per process, past which new lines are skipped. */
export const READY_PENDING_CHARS = 1 << 20;

/** Where a run's `ready_pattern` check stands while lines are with the pattern worker. */
interface PatternCheck {
  /** The run being checked (a restart keeps the id but gets a new pid). */
  readonly pid: number | undefined;
  pendingChars: number;
  skippedLines: number;
  reportedSkip: boolean;
}

export class Readiness {
  readonly #patterns = new Map<string, PreparedPattern | null>();
  readonly #checks = new Map<string, PatternCheck>();
  readonly #probes = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly manager: ProcessManager,
    private readonly events: TypedEmitter<EngineEvents>,
    private readonly configFor: (name: string) => ProcessConfig | undefined,
    private readonly now: () => number,
    /** Runs `ready_pattern`s off the main thread (a pattern can be slow on long lines). */
    private readonly worker: PatternWorker,
    /** Writes a system line into a process's log. */
    private readonly note: (processId: string, text: string) => void,
  ) {}

  /**
   * A batch of a process's lines: checked against its `ready_pattern`, if it has one and is not ready
   * yet. The check runs in the pattern worker, on the first READY_LINE_CHARS of each line; the process
   * is marked ready when the worker answers (if the same run is still running and not ready). While
   * more than READY_PENDING_CHARS of a run's lines wait for the worker, further batches are skipped
   * (and the log says so once), so a flood can neither grow memory nor delay anything else.
   */
  onLines(processId: string, lines: readonly LogLine[]): void {
    const snapshot = this.manager.get(processId);
    if (!snapshot || snapshot.ready) return;
    const pattern = this.#pattern(snapshot);
    if (!pattern) {
      this.#checkWatchPass(snapshot, lines);
      return;
    }
    let check = this.#checks.get(processId);
    if (!check || check.pid !== snapshot.pid) {
      check = { pid: snapshot.pid, pendingChars: 0, skippedLines: 0, reportedSkip: false };
      this.#checks.set(processId, check);
    }
    if (check.pendingChars > READY_PENDING_CHARS) {
      check.skippedLines += lines.length;
      if (!check.reportedSkip) {
        check.reportedSkip = true;
        this.note(
          processId,
          'brum: ready_pattern checks are behind this output; lines are skipped until they catch up (a ready line among them can be missed)',
        );
      }
      return;
    }
    const texts = lines.map((line) =>
      line.text.length > READY_LINE_CHARS ? line.text.slice(0, READY_LINE_CHARS) : line.text,
    );
    const chars = texts.reduce((n, t) => n + t.length, 0);
    check.pendingChars += chars;
    const owner = check;
    this.worker.run({ pattern, texts, first: true }).then(
      (reply) => {
        owner.pendingChars -= chars;
        if (reply.hits.length === 0) return;
        const latest = this.manager.get(processId);
        if (latest && latest.pid === owner.pid && !latest.ready) this.#markReady(latest);
      },
      () => {
        owner.pendingChars -= chars;
      },
    );
  }

  /**
   * A watcher that prints no URL is ready at its first completed pass (`WATCH_PASS`), unless the run
   * has an explicit readiness signal. A watcher goes quiet right after that line, so only the last
   * lines of a batch are looked at: O(1) per batch, whatever a flood prints.
   */
  #checkWatchPass(snapshot: ProcessSnapshot, lines: readonly LogLine[]): void {
    if (this.#hasExplicitSignal(snapshot.name)) return;
    for (let i = Math.max(0, lines.length - WATCH_PASS_LINES); i < lines.length; i++) {
      const text = lines[i]!.text;
      const hinted = text.includes(' for file changes') || text.includes('compiled ');
      if (hinted && text.length <= READY_LINE_CHARS && WATCH_PASS.test(text)) {
        this.#markReady(snapshot);
        return;
      }
    }
  }

  onUrl(processId: string): void {
    const snapshot = this.manager.get(processId);
    if (!snapshot || snapshot.ready || this.#hasExplicitSignal(snapshot.name)) return;
    this.#markReady(snapshot);
  }

  /** Starts port/URL probing for a freshly spawned run, when configured. */
  onSpawned(snapshot: ProcessSnapshot): void {
    const config = this.configFor(snapshot.name);
    if (!config || (config.readyPort === undefined && config.readyUrl === undefined)) return;
    this.#stopProbe(snapshot.id);
    const probe = async (): Promise<void> => {
      const current = this.manager.get(snapshot.id);
      if (!current || current.isFinished || current.ready) return this.#stopProbe(snapshot.id);
      const up =
        config.readyPort !== undefined
          ? await probePort(config.readyPort, '127.0.0.1', PROBE_TIMEOUT_MS)
          : await probeUrl(config.readyUrl ?? '', PROBE_TIMEOUT_MS);
      const latest = this.manager.get(snapshot.id);
      if (up && latest && latest.isRunning && !latest.ready) {
        this.#markReady(latest);
        this.#stopProbe(snapshot.id);
      }
    };
    const timer = setInterval(() => void probe(), PROBE_INTERVAL_MS);
    timer.unref();
    this.#probes.set(snapshot.id, timer);
  }

  onExit(processId: string): void {
    this.#stopProbe(processId);
    this.#checks.delete(processId);
  }

  dispose(): void {
    for (const id of [...this.#probes.keys()]) this.#stopProbe(id);
  }

  /**
   * Resolves when `ref` is ready (or has exited, for `exit`), when it finishes (it will never be ready),
   * or after `timeoutMs`. Always unsubscribes.
   */
  waitFor(ref: string, condition: WaitCondition, timeoutMs: number): Promise<WaitResult> {
    const start = this.manager.get(ref);
    if (!start) return Promise.reject(new Error(`no process ${ref}`));
    const id = start.id;
    const check = (p: ProcessSnapshot): WaitResult | undefined => {
      if (condition === 'ready' && p.ready) return { outcome: 'ready', process: p };
      if (p.isFinished) return { outcome: 'exited', process: p };
      return undefined;
    };
    const immediate = check(start);
    if (immediate) return Promise.resolve(immediate);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          off();
          resolve({ outcome: 'timeout', process: this.manager.get(id) ?? start });
        },
        Math.max(0, timeoutMs),
      );
      const off = this.events.on('process', ({ process }) => {
        if (process.id !== id) return;
        const result = check(process);
        if (!result) return;
        clearTimeout(timer);
        off();
        resolve(result);
      });
    });
  }

  #markReady(snapshot: ProcessSnapshot): void {
    if (!snapshot.isRunning) return;
    this.manager.annotate(snapshot.id, { ready: true, readyAt: this.now() });
  }

  #hasExplicitSignal(name: string): boolean {
    const config = this.configFor(name);
    return (
      !!config &&
      (config.readyPattern !== undefined || config.readyPort !== undefined || config.readyUrl !== undefined)
    );
  }

  /** The validated source of the run's `ready_pattern`, or null (none, or not runnable: said once in its log). */
  #pattern(snapshot: ProcessSnapshot): PreparedPattern | null {
    let pattern = this.#patterns.get(snapshot.name);
    if (pattern === undefined) {
      pattern = null;
      const source = this.configFor(snapshot.name)?.readyPattern;
      // Validated at config load with the same check; a failure here is reported, never thrown.
      if (source !== undefined) {
        try {
          pattern = preparePattern(source, { caseSensitive: true });
        } catch (error) {
          this.note(
            snapshot.id,
            `brum: ready_pattern is ignored: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      this.#patterns.set(snapshot.name, pattern);
    }
    return pattern;
  }

  #stopProbe(processId: string): void {
    const timer = this.#probes.get(processId);
    if (timer) clearInterval(timer);
    this.#probes.delete(processId);
  }
}

async function probeUrl(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
