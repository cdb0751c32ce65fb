/**
 * The bridge between the engine's event stream and React: engine events only mark the store dirty; at
 * most once per frame interval (default 40 ms, 25 fps) the store takes one engine snapshot and
 * publishes a new immutable `EngineView`. Ingestion speed therefore never drives render rate: a process
 * printing 100k lines/s costs one counter update per batch here and one re-render per frame.
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
  /** Removes the engine listeners and the pending timer. */
  dispose(): void;
}

export interface EngineStoreOptions {
  /** Minimum time between two publishes. */
  readonly intervalMs?: number;
}

export type StoreEngine = Pick<Engine, 'snapshot' | 'on'>;

/** Creates a throttled store over `engine`; call `dispose()` when the UI goes away. */
export function createEngineStore(engine: StoreEngine, options: EngineStoreOptions = {}): EngineStore {
  const intervalMs = options.intervalMs ?? 40;
  const listeners = new Set<() => void>();
  let view: EngineView = { snapshot: engine.snapshot(), logSeq: 0, errorsVersion: 0, frame: 0 };
  let pendingLogSeq = 0;
  let pendingErrors = 0;
  let dirty = false;
  let timer: NodeJS.Timeout | undefined;
  let lastPublish = 0;
  let disposed = false;

  const publish = (): void => {
    timer = undefined;
    if (!dirty || disposed) return;
    dirty = false;
    lastPublish = Date.now();
    view = Object.freeze({
      snapshot: engine.snapshot(),
      logSeq: Math.max(view.logSeq, pendingLogSeq),
      errorsVersion: view.errorsVersion + pendingErrors,
      frame: view.frame + 1,
    });
    pendingErrors = 0;
    for (const listener of [...listeners]) listener();
  };

  const schedule = (): void => {
    dirty = true;
    if (timer || disposed) return;
    const wait = Math.max(0, lastPublish + intervalMs - Date.now());
    timer = setTimeout(publish, wait);
    // The UI must never keep the process alive on its own.
    timer.unref?.();
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
    },
  };
}
