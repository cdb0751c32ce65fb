import { useMemo } from 'react';
import type { ProcessSnapshot } from '../../core/process/snapshot.js';
import type { EngineStore } from '../store/engine-store.js';
import { useEngineView } from './use-engine-view.js';

export interface ProcessList {
  /** Active processes first (in start order), then finished ones, newest first. */
  readonly processes: readonly ProcessSnapshot[];
  readonly runningCount: number;
  /** Sum of current (unresolved) errors over all processes. */
  readonly errorCount: number;
}

/** Orders processes for display: what is alive matters most. */
export function orderProcesses(processes: readonly ProcessSnapshot[]): ProcessSnapshot[] {
  const active = processes.filter((p) => p.isActive);
  const finished = processes.filter((p) => !p.isActive).sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
  return [...active, ...finished];
}

/** The processes of the current engine view, ordered, with header counts. */
export function useProcessList(store: EngineStore): ProcessList {
  const view = useEngineView(store);
  return useMemo(() => {
    const processes = orderProcesses(view.snapshot.processes);
    return {
      processes,
      runningCount: processes.filter((p) => p.isActive).length,
      errorCount: processes.reduce((n, p) => n + p.errorCount, 0),
    };
  }, [view.snapshot]);
}
