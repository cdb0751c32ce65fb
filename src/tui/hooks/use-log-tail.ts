import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LogLine } from '../../core/logs/types.js';
import { readBefore, readFrom, readTail } from '../lib/log-window.js';
import type { LogScope, LogSource } from '../lib/log-window.js';
import type { EngineStore } from '../store/engine-store.js';
import { useEngineView } from './use-engine-view.js';

type Position = { readonly mode: 'follow' } | { readonly mode: 'anchor'; readonly top: number };
const FOLLOW: Position = { mode: 'follow' };

export interface LogTail {
  /** At most `height` lines, oldest first: exactly what is drawn. */
  readonly lines: readonly LogLine[];
  /** True while showing the newest lines and moving with them. */
  readonly following: boolean;
  /** Positive: towards newer lines. Scrolling up pauses follow; reaching the bottom resumes it. */
  readonly scroll: (delta: number) => void;
  readonly toTop: () => void;
  readonly toBottom: () => void;
  /** Shows the line `seq` near the top of the window (search results). */
  readonly reveal: (seq: number) => void;
}

/**
 * A virtualised window over the engine's log store: each render reads at most `height` lines by
 * sequence number, so cost follows the screen size, never the number of stored lines.
 */
export function useLogTail(source: LogSource, store: EngineStore, scope: LogScope, height: number): LogTail {
  const view = useEngineView(store);
  const [position, setPosition] = useState<Position>(FOLLOW);
  const { processId, problemsOnly } = scope;
  const stableScope = useMemo<LogScope>(() => ({ processId, problemsOnly }), [processId, problemsOnly]);

  // A different scope is a different list; positions from the old one mean nothing there.
  useEffect(() => setPosition(FOLLOW), [stableScope]);

  const lines = useMemo(
    () => {
      if (position.mode === 'follow') return readTail(source, stableScope, height);
      const below = readFrom(source, stableScope, position.top, height);
      // Near the end (a search hit among the newest lines), fill the screen from above rather than
      // leaving it mostly empty.
      const first = below[0]?.seq;
      if (below.length >= height || first === undefined) return below;
      return [...readBefore(source, stableScope, first, height - below.length), ...below];
    },
    // logSeq: new lines may change the tail (follow) or fill a short anchored window.
    [source, stableScope, height, position, view.logSeq],
  );

  const scroll = useCallback(
    (delta: number) => {
      const top = lines[0]?.seq;
      if (top === undefined || delta === 0) return;
      if (delta < 0) {
        const before = readBefore(source, stableScope, top, -delta);
        setPosition({ mode: 'anchor', top: before[0]?.seq ?? top });
        return;
      }
      if (position.mode === 'follow') return;
      const ahead = readFrom(source, stableScope, top, height + delta);
      const next = ahead[delta];
      setPosition(ahead.length <= delta + height || !next ? FOLLOW : { mode: 'anchor', top: next.seq });
    },
    [lines, source, stableScope, height, position.mode],
  );

  const reveal = useCallback(
    (seq: number) => {
      const before = readBefore(source, stableScope, seq, Math.min(2, Math.floor(height / 3)));
      setPosition({ mode: 'anchor', top: before[0]?.seq ?? seq });
    },
    [source, stableScope, height],
  );

  return {
    lines,
    following: position.mode === 'follow',
    scroll,
    toTop: useCallback(() => setPosition({ mode: 'anchor', top: 1 }), []),
    toBottom: useCallback(() => setPosition(FOLLOW), []),
    reveal,
  };
}
