import { useCallback, useState } from 'react';

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
