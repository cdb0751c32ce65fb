import { useEffect, useState } from 'react';
import { useTui } from '../context.js';

/** The current time, refreshed every `intervalMs` while `active` (for uptimes and "ago" columns). */
export function useNow(intervalMs = 1000, active = true): number {
  const clock = useTui().system.now;
  const [now, setNow] = useState(clock);
  useEffect(() => {
    if (!active) return;
    // A view that was hidden has a stale clock; catch up at once rather than after one interval.
    setNow(clock());
    const timer = setInterval(() => setNow(clock()), intervalMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [intervalMs, active, clock]);
  return now;
}
