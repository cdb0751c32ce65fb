import { useSyncExternalStore } from 'react';
import type { EngineStore, EngineView } from '../store/engine-store.js';

/** The latest published (throttled) engine view; re-renders at most once per store frame. */
export function useEngineView(store: EngineStore): EngineView {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
