import { useInput } from 'ink';
import type { Key } from 'ink';
import { useRef } from 'react';
import { findBinding } from '../keys.js';
import type { ActionOf, KeyBinding } from '../keys.js';

export type KeyHandlers<T extends readonly KeyBinding[]> = Partial<
  Record<ActionOf<T>, (input: string, key: Key) => void>
>;

// eslint-disable-next-line no-control-regex -- a chunk of plain characters has no control characters
const PRINTABLE = /^[^\u0000-\u001F\u007F]+$/;

export interface KeymapOptions {
  readonly isActive: boolean;
  readonly fallback?: (input: string, key: Key) => void;
  /** The fallback takes typed text: a chunk of characters reaches it whole (a paste), never split. */
  readonly text?: boolean;
}

/**
 * Dispatches key presses through a binding table: the first binding that matches and has a handler
 * wins; anything else goes to `fallback` (text entry). Inactive when `isActive` is false, so hidden views
 * and covered layers get no keys.
 *
 * Ink delivers plain characters that arrive together (a held-down `j`, keys typed faster than a
 * frame) as one string; unless `text` is set, such a chunk is dispatched one character at a time, so
 * no key press is lost.
 */
export function useKeymap<T extends readonly KeyBinding[]>(
  table: T,
  handlers: KeyHandlers<T>,
  options: KeymapOptions,
): void {
  // Handlers change every render; keep the latest without re-subscribing to stdin. `isActive` is also
  // checked here because Ink re-subscribes in a passive effect: a fast second key (typing `/q`) could
  // otherwise still reach a layer that the first key just deactivated.
  const latest = useRef(options);
  latest.current = options;
  const latestHandlers = useRef(handlers);
  latestHandlers.current = handlers;
  useInput(
    (input, key) => {
      const { fallback, isActive, text } = latest.current;
      if (!isActive) return;
      const dispatch = (chunk: string): void => {
        const h = latestHandlers.current;
        const binding = findBinding(table, chunk, key, (action) => h[action] !== undefined);
        if (binding) h[binding.action as ActionOf<T>]?.(chunk, key);
        else fallback?.(chunk, key);
      };
      const chars = [...input];
      if (text || chars.length < 2 || key.ctrl || key.meta || !PRINTABLE.test(input)) return dispatch(input);
      // One character per turn of the event loop: each handler then sees the state (and the active
      // layer) that the previous character left behind.
      const next = (i: number): void => {
        if (i >= chars.length || !latest.current.isActive) return;
        dispatch(chars[i]!);
        setImmediate(() => next(i + 1));
      };
      next(0);
    },
    { isActive: options.isActive },
  );
}
