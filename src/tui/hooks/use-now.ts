import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` while `active` (for uptimes and "ago" columns). */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    // A view that was hidden has a stale clock; catch up at once rather than after one interval.
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
