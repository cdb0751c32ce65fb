import { useCallback } from 'react';
import { useTui } from '../context.js';

/**
 * Wraps a command so failures (a BrumError from the engine, a rejected promise) become a visible notice
 * instead of an unhandled rejection that would tear the UI down.
 */
export function useAction(): (label: string, run: () => unknown) => void {
  const { notify, store } = useTui();
  return useCallback(
    (label, run) => {
      const fail = (error: unknown): void =>
        notify(`${label} failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
      try {
        const result = run();
        store.flush();
        if (result instanceof Promise) {
          result.then(() => store.flush(), fail);
        }
      } catch (error) {
        fail(error);
      }
    },
    [notify, store],
  );
}
