import { useMemo } from 'react';
import type { ErrorRecord } from '../../core/detect/types.js';
import type { Engine } from '../../core/engine-api.js';
import type { EngineStore } from '../store/engine-store.js';
import { useEngineView } from './use-engine-view.js';

/** Current errors first, then resolved ones; most recently seen first within each group. */
export function orderErrors(errors: readonly ErrorRecord[]): ErrorRecord[] {
  return [...errors].sort((a, b) => Number(a.resolved) - Number(b.resolved) || b.lastSeen - a.lastSeen);
}

/** Error and warning records (including resolved), re-queried only when errors or processes changed. */
export function useErrors(
  engine: Pick<Engine, 'errors'>,
  store: EngineStore,
  limit = 500,
): readonly ErrorRecord[] {
  const view = useEngineView(store);
  return useMemo(
    () => orderErrors(engine.errors({ includeResolved: true, includeWarnings: true, limit })),
    [engine, view.errorsVersion, view.snapshot.revision, limit],
  );
}
