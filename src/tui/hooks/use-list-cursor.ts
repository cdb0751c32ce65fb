import { useCallback, useLayoutEffect, useRef, useState } from 'react';

export interface ListCursor {
  /** Selected index, always within 0..length-1 (0 for an empty list). */
  readonly index: number;
  readonly move: (delta: number) => void;
  readonly set: (index: number) => void;
}

/** A selection index for a list whose length changes underneath it. */
export function useListCursor(length: number): ListCursor {
  const [raw, setRaw] = useState(0);
  const index = length === 0 ? 0 : Math.min(raw, length - 1);
  const move = useCallback(
    (delta: number) =>
      setRaw((i) => Math.max(0, Math.min(Math.max(0, length - 1), Math.min(i, length - 1) + delta))),
    [length],
  );
  const set = useCallback((i: number) => setRaw(Math.max(0, i)), []);
  return { index, move, set };
}

/** The slice of a list to draw so that `index` stays visible in `height` rows. */
export function visibleWindow(length: number, index: number, height: number): { start: number; end: number } {
  if (length <= height) return { start: 0, end: length };
  const start = Math.max(0, Math.min(index - Math.floor(height / 2), length - height));
  return { start, end: start + height };
}

/**
 * A selection that follows an item by key while the list reorders underneath it (a process that stops
 * moves down the list; the selection moves with it rather than landing on a neighbour). The row shown
 * selected is always the one followed, also before any key was pressed. When the followed item leaves
 * the list (a pruned run), the selection stays at its row position and follows the item found there.
 */
export function useKeyedCursor<T>(items: readonly T[], keyOf: (item: T) => string): ListCursor {
  const [key, setKey] = useState<string | undefined>();
  // Where the selection was last drawn, for when its item goes away.
  const lastIndex = useRef(0);
  const found = key === undefined ? -1 : items.findIndex((item) => keyOf(item) === key);
  const index = found >= 0 ? found : items.length === 0 ? 0 : Math.min(lastIndex.current, items.length - 1);
  const shown = items[index];
  const shownKey = shown === undefined ? undefined : keyOf(shown);
  useLayoutEffect(() => {
    lastIndex.current = index;
    // Follow what is drawn selected (the first row before any move, a neighbour after a prune).
    if (shownKey !== undefined && shownKey !== key) setKey(shownKey);
  }, [index, shownKey, key]);
  const set = useCallback(
    (i: number) => {
      const item = items[Math.max(0, Math.min(items.length - 1, i))];
      if (item !== undefined) setKey(keyOf(item));
    },
    [items, keyOf],
  );
  const move = useCallback((delta: number) => set(index + delta), [set, index]);
  return { index, move, set };
}
