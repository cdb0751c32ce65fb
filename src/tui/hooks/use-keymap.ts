import type { Key } from 'ink';
import { createContext, useContext, useLayoutEffect, useRef, useState } from 'react';
import { findBinding } from '../keys.js';
import type { ActionOf, KeyBinding } from '../keys.js';
import type { KeyRouter } from '../lib/key-router.js';

export type KeyHandlers<T extends readonly KeyBinding[]> = Partial<
  Record<ActionOf<T>, (input: string, key: Key) => void>
>;

export interface KeymapOptions {
  readonly isActive: boolean;
  readonly fallback?: (input: string, key: Key) => void;
  /** The fallback takes typed text: a run of plain characters reaches it whole (a paste), never split. */
  readonly text?: boolean;
}

/** The App's key router (see `lib/key-router.ts`). */
export const KeyRouterContext = createContext<KeyRouter | null>(null);

/**
 * Renders nothing; tells the router when React has committed the render it asked for after a key (that
 * render includes everything the key changed), so that the next key meets the new state.
 */
export function KeyTick({ router }: { readonly router: KeyRouter }): null {
  const [tick, setTick] = useState(0);
  useLayoutEffect(() => {
    router.setSettler(() => setTick((t) => t + 1));
    return () => router.setSettler(undefined);
  }, [router]);
  useLayoutEffect(() => router.settled(), [router, tick]);
  return null;
}

/**
 * Dispatches key presses through a binding table: the first binding that matches and has a handler
 * wins; anything else goes to `fallback` (text entry). Inactive when `isActive` is false, so hidden views
 * and covered layers get no keys.
 */
export function useKeymap<T extends readonly KeyBinding[]>(
  table: T,
  handlers: KeyHandlers<T>,
  options: KeymapOptions,
): void {
  const router = useContext(KeyRouterContext);
  if (!router) throw new Error('useKeymap() used outside <App>');
  useKeymapOn(router, table, handlers, options);
}

/** `useKeymap` on an explicit router (the App's own keys, above the context it provides). */
export function useKeymapOn<T extends readonly KeyBinding[]>(
  router: KeyRouter,
  table: T,
  handlers: KeyHandlers<T>,
  options: KeymapOptions,
): void {
  // Handlers and options change every render; the router reads the latest committed ones through these
  // refs, so a key that follows in the same chunk sees what the previous key's render left (not a stale
  // subscription, nor a render React has not finished).
  const latest = useRef(options);
  const latestHandlers = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = options;
    latestHandlers.current = handlers;
  });
  // A layout effect: registered in the same commit that mounts the layer, before the next key.
  useLayoutEffect(
    () =>
      router.add({
        isActive: () => latest.current.isActive,
        isText: () => latest.current.text === true,
        handle: (input, key) => {
          const h = latestHandlers.current;
          const binding = findBinding(table, input, key, (action) => h[action] !== undefined);
          if (binding) h[binding.action as ActionOf<T>]?.(input, key);
          else latest.current.fallback?.(input, key);
        },
      }),
    [router, table],
  );
}
