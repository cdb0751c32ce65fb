import { useCallback, useState } from 'react';
import type { Engine } from '../../core/engine-api.js';
import type { LogScope } from '../lib/log-window.js';

export interface LogSearchState {
  readonly query: string;
  /** Matching sequence numbers, oldest first. */
  readonly matches: readonly number[];
  /** Index into `matches` of the current match (-1 when none). */
  readonly index: number;
  /** More lines matched than were kept. */
  readonly hasMore: boolean;
  /** Something beyond the count: partial results, or why the search failed. */
  readonly message: string | undefined;
}

const EMPTY: LogSearchState = { query: '', matches: [], index: -1, hasMore: false, message: undefined };
const MAX_MATCHES = 1000;

/** `/pattern/` is a regular expression; anything else is a plain, case-insensitive substring. */
export function parseSearch(input: string): { query: string; regex: boolean } {
  if (input.length > 2 && input.startsWith('/') && input.endsWith('/')) {
    return { query: input.slice(1, -1), regex: true };
  }
  return { query: input, regex: false };
}

export interface LogSearch {
  readonly state: LogSearchState;
  /** Runs the search; resolves to the seq to show first (the newest match), if any. Never rejects. */
  readonly run: (input: string, scope: LogScope) => Promise<number | undefined>;
  /** Moves to the next (+1, newer) or previous (-1, older) match; returns its seq. */
  readonly step: (delta: 1 | -1) => number | undefined;
  readonly clear: () => void;
}

/**
 * Search through `engine.searchLogs` (bounded time; a regex runs off the main thread), with n/N
 * navigation. A search that hit its time budget says its results are partial.
 */
export function useLogSearch(engine: Pick<Engine, 'searchLogs'>): LogSearch {
  const [state, setState] = useState<LogSearchState>(EMPTY);

  const run = useCallback(
    async (input: string, scope: LogScope): Promise<number | undefined> => {
      if (input.trim() === '') {
        setState(EMPTY);
        return undefined;
      }
      const { query, regex } = parseSearch(input);
      try {
        const result = await engine.searchLogs({
          query,
          regex,
          processId: scope.processId,
          limit: MAX_MATCHES,
          newestFirst: true,
        });
        const matches = result.matches.map((m) => m.line.seq).reverse();
        setState({
          query: input,
          matches,
          index: matches.length - 1,
          hasMore: result.hasMore,
          message: result.timedOut ? 'partial: the search hit its time budget' : undefined,
        });
        return matches.at(-1);
      } catch (error) {
        setState({ ...EMPTY, query: input, message: error instanceof Error ? error.message : String(error) });
        return undefined;
      }
    },
    [engine],
  );

  const step = useCallback(
    (delta: 1 | -1): number | undefined => {
      if (state.matches.length === 0) return undefined;
      const index = Math.max(0, Math.min(state.matches.length - 1, state.index + delta));
      setState({ ...state, index });
      return state.matches[index];
    },
    [state],
  );

  return { state, run, step, clear: useCallback(() => setState(EMPTY), []) };
}
