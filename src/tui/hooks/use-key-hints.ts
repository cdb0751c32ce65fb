import { useEffect } from 'react';
import { useTui } from '../context.js';
import type { KeyBinding } from '../keys.js';

/** While `active`, publishes `bindings` as the keys the footer and `?` help show. */
export function useKeyHints(bindings: readonly KeyBinding[], active: boolean): void {
  const { setKeyHints } = useTui();
  useEffect(() => {
    if (active) setKeyHints(bindings);
  }, [bindings, active, setKeyHints]);
}
