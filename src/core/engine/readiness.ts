/**
 * When is a process "up"? When it prints its first local URL — or, if the script configures it, when a
 * log line matches `ready_pattern`, or when `ready_port` accepts connections / `ready_url` answers.
 * A configured signal replaces the URL rule (a server may print a URL long before it can serve).
 */
import type { ProcessConfig } from '../config/types.js';
import { probePort } from '../detect/ready.js';
import type { TypedEmitter } from '../events.js';
import type { EngineEvents, WaitCondition, WaitResult } from '../engine-api.js';
import { compileSafeRegex } from '../logs/safe-regex.js';
import type { LogLine } from '../logs/types.js';
import type { ProcessManager } from '../process/process-manager.js';
import type { ProcessSnapshot } from '../process/snapshot.js';

const PROBE_INTERVAL_MS = 250;
const PROBE_TIMEOUT_MS = 1000;

export class Readiness {
  readonly #patterns = new Map<string, RegExp | null>();
  readonly #probes = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly manager: ProcessManager,
    private readonly events: TypedEmitter<EngineEvents>,
    private readonly configFor: (name: string) => ProcessConfig | undefined,
    private readonly now: () => number,
  ) {}

  /** A batch of a process's lines: checked against its `ready_pattern`, if it has one and is not ready yet. */
  onLines(processId: string, lines: readonly LogLine[]): void {
    const snapshot = this.manager.get(processId);
    if (!snapshot || snapshot.ready) return;
    const pattern = this.#pattern(snapshot.name);
    if (!pattern) return;
    for (const line of lines) {
      if (pattern.test(line.text)) return this.#markReady(snapshot);
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

  #pattern(name: string): RegExp | null {
    let pattern = this.#patterns.get(name);
    if (pattern === undefined) {
      pattern = null;
      const source = this.configFor(name)?.readyPattern;
      // Validated at config load; compiled here once, with the same linear-time guarantee as search.
      if (source !== undefined) pattern = compileSafeRegex(source, { caseSensitive: true });
      this.#patterns.set(name, pattern);
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
