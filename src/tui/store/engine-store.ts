/**
 * The bridge between the engine's event stream and React: engine events only mark the store dirty; at
 * most once per frame interval (default 40 ms, 25 fps) the store takes one engine snapshot and
 * publishes a new immutable `EngineView`. Ingestion speed therefore never drives render rate: a process
 * printing 100k lines/s costs one counter update per batch here and one re-render per frame.
 *
 * Frames are paced by what they cost, too. A full 200×50 screen of coloured log lines costs Ink ~20 ms
 * of CPU however few lines changed (it rebuilds and re-tokenises every cell), and while a frame is drawn
 * no pipe is read: at 25 such frames a second the UI took over half the event loop, and a flooding
 * process was drained at a third of brum's headless rate. So the store measures the CPU time of each
 * frame (from the publish to the end of the microtasks it caused: React's render and commit and Ink's
 * output) and waits at least `cost / maxShare` before the next one: the UI takes at
 * most ~25% of brum's CPU, within `intervalMs`…`maxIntervalMs` (25…4 fps). CPU time rather than wall
 * time, so that a busy machine does not make the UI stutter on top of being slow.
 */
import type { Engine, EngineSnapshot } from '../../core/engine-api.js';
import type { Unsubscribe } from '../../core/events.js';

/** What components read through `useSyncExternalStore`. Replaced (never mutated) on every publish. */
export interface EngineView {
  readonly snapshot: EngineSnapshot;
  /** Highest log sequence number announced so far; changes whenever new lines were stored. */
  readonly logSeq: number;
  /** Bumped whenever error records changed, so error lists know to re-query. */
  readonly errorsVersion: number;
  /** Number of publishes so far (handy for tests and for measuring render rate). */
  readonly frame: number;
}

export interface EngineStore {
  subscribe(listener: () => void): Unsubscribe;
  getSnapshot(): EngineView;
  /** Publishes pending changes now (used after a local command, so the user sees its effect at once). */
  flush(): void;
  /**
   * Paces another source of changes (agent activity, proxied requests) like the engine's: wraps its
   * `subscribe` so that its changes reach the listener at the store's next frame, however many arrive.
   * Every change anywhere costs a whole frame in Ink, so every source has to go through one pacing.
   */
  paced(subscribe: (onChange: () => void) => Unsubscribe): (onChange: () => void) => Unsubscribe;
  /** Removes the engine listeners and the pending timer. */
  dispose(): void;
}

export interface EngineStoreOptions {
  /** Minimum time between two publishes (default 40 ms). */
  readonly intervalMs?: number;
  /** Largest share of the time frames may take (default 0.25): a frame of c ms is followed by c / share. */
  readonly maxShare?: number;
  /** Longest wait between two publishes however much frames cost (default 250 ms). */
  readonly maxIntervalMs?: number;
  /** Wall clock in ms for the intervals (tests); `performance.now` by default. */
  readonly now?: () => number;
  /** CPU clock in ms frames are measured with (tests); this process's user + system time by default. */
  readonly cpuNow?: () => number;
}

function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The wait from one publish to the next: `cost / maxShare`, kept within `min`…`max`. */
export function frameInterval(costMs: number, minMs: number, maxMs: number, maxShare: number): number {
  return Math.min(Math.max(minMs, costMs / maxShare), Math.max(minMs, maxMs));
}

export type StoreEngine = Pick<Engine, 'snapshot' | 'on'>;

/** Creates a throttled store over `engine`; call `dispose()` when the UI goes away. */
export function createEngineStore(engine: StoreEngine, options: EngineStoreOptions = {}): EngineStore {
  const intervalMs = options.intervalMs ?? 40;
  const maxIntervalMs = options.maxIntervalMs ?? 250;
  const maxShare = options.maxShare ?? 0.25;
  const now = options.now ?? (() => performance.now());
  const cpuNow = options.cpuNow ?? processCpuMs;
  const listeners = new Set<() => void>();
  let view: EngineView = { snapshot: engine.snapshot(), logSeq: 0, errorsVersion: 0, frame: 0 };
  let pendingLogSeq = 0;
  let pendingErrors = 0;
  /** The engine changed since the last publish (a new view is due). */
  let dirty = false;
  /** Listeners of paced sources that changed since the last publish. */
  const pendingPaced = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let lastPublish = -Infinity;
  /** What recent frames cost (ms; -1 before the first), smoothed so one GC pause does not stall the UI. */
  let frameCost = -1;
  let disposed = false;

  const publish = (): void => {
    timer = undefined;
    if ((!dirty && pendingPaced.size === 0) || disposed) return;
    lastPublish = now();
    const cpuStart = cpuNow();
    if (dirty) {
      dirty = false;
      view = Object.freeze({
        snapshot: engine.snapshot(),
        logSeq: Math.max(view.logSeq, pendingLogSeq),
        errorsVersion: view.errorsVersion + pendingErrors,
        frame: view.frame + 1,
      });
      pendingErrors = 0;
      for (const listener of [...listeners]) listener();
    }
    const paced = [...pendingPaced];
    pendingPaced.clear();
    for (const listener of paced) listener();
    // React renders and commits in the microtask its listener queued, and Ink draws in the commit: a
    // microtask queued after the listeners runs right after that, before any I/O. (Measured at the next
    // check phase, the cost took in the pipe reads and requests of the poll phase between: 30-85 ms of
    // "frame" in a flood, which paced the UI down to its 4 fps floor.)
    queueMicrotask(() => {
      const cost = cpuNow() - cpuStart;
      frameCost = frameCost < 0 ? cost : (frameCost + cost) / 2;
    });
  };

  const arm = (): void => {
    if (timer || disposed) return;
    const gap = frameInterval(frameCost, intervalMs, maxIntervalMs, maxShare);
    const wait = Math.max(0, lastPublish + gap - now());
    timer = setTimeout(publish, wait);
    // The UI must never keep the process alive on its own.
    timer.unref?.();
  };
  const schedule = (): void => {
    dirty = true;
    arm();
  };

  const unsubscribers = [
    engine.on('process', () => schedule()),
    engine.on('logs', (e) => {
      if (e.lastSeq > pendingLogSeq) pendingLogSeq = e.lastSeq;
      schedule();
    }),
    engine.on('errors', () => {
      pendingErrors++;
      schedule();
    }),
  ];

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => view,
    paced(subscribe) {
      return (onChange) => {
        const off = subscribe(() => {
          pendingPaced.add(onChange);
          arm();
        });
        return () => {
          off();
          pendingPaced.delete(onChange);
        };
      };
    },
    flush() {
      if (timer) clearTimeout(timer);
      dirty = true;
      publish();
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const off of unsubscribers) off();
      listeners.clear();
      pendingPaced.clear();
    },
  };
}
