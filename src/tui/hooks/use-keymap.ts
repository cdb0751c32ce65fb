import { useInput } from 'ink';
import type { Key } from 'ink';
import { useRef } from 'react';
import { findBinding } from '../keys.js';
import type { ActionOf, KeyBinding } from '../keys.js';

export type KeyHandlers<T extends readonly KeyBinding[]> = Partial<
  Record<ActionOf<T>, (input: string, key: Key) => void>
>;

/**
 * Dispatches key presses through a binding table: the first binding that matches and has a handler
 * wins; anything else goes to `fallback` (text entry). Inactive when `isActive` is false, so hidden views
 * and covered layers get no keys.
 */
export function useKeymap<T extends readonly KeyBinding[]>(
  table: T,
  handlers: KeyHandlers<T>,
  options: { isActive: boolean; fallback?: (input: string, key: Key) => void },
): void {
  // Handlers change every render; keep the latest without re-subscribing to stdin. `isActive` is also
  // checked here because Ink re-subscribes in a passive effect: a fast second key (typing `/q`) could
  // otherwise still reach a layer that the first key just deactivated.
  const latest = useRef({ handlers, fallback: options.fallback, isActive: options.isActive });
  latest.current = { handlers, fallback: options.fallback, isActive: options.isActive };
  useInput(
    (input, key) => {
      const { handlers: h, fallback, isActive } = latest.current;
      if (!isActive) return;
      const binding = findBinding(table, input, key, (action) => h[action] !== undefined);
      if (binding) {
        h[binding.action as ActionOf<T>]?.(input, key);
        return;
      }
      fallback?.(input, key);
    },
    { isActive: options.isActive },
  );
}
