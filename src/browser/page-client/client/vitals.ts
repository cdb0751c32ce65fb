/**
 * Web Vitals with PerformanceObserver, in the way web-vitals computes them, minimally: LCP (the last
 * largest-contentful-paint before the first input), CLS (the largest session window of layout
 * shifts without recent input: gaps < 1 s, windows ≤ 5 s) and INP (the longest interaction; with
 * many interactions an approximation of web-vitals' 98th percentile). Each is reported when the
 * page is hidden or left, and once 10 s after load, and again only when it changed.
 */
import type { Emit } from './hooks';

const THRESHOLDS: Record<string, [number, number]> = {
  LCP: [2500, 4000],
  CLS: [0.1, 0.25],
  INP: [200, 500],
};

export function hookVitals(emit: Emit): void {
  if (typeof PerformanceObserver === 'undefined') return;
  const supported = PerformanceObserver.supportedEntryTypes || [];
  const values: Record<string, number | undefined> = {};
  const reported: Record<string, number | undefined> = {};
  let lcpFinal = false;

  /** Observers and their handlers: on leaving, entries not yet delivered are taken synchronously. */
  const observers: [PerformanceObserver, (entries: PerformanceEntry[]) => void][] = [];
  const observe = (
    type: string,
    onEntries: (entries: PerformanceEntry[]) => void,
    extra?: Record<string, unknown>,
  ) => {
    if (supported.indexOf(type) === -1) return;
    const handle = (entries: PerformanceEntry[]) => {
      try {
        onEntries(entries);
      } catch {
        // never in the page's way
      }
    };
    try {
      const observer = new PerformanceObserver((list) => handle(list.getEntries()));
      observer.observe({ type, buffered: true, ...extra } as PerformanceObserverInit);
      observers.push([observer, handle]);
    } catch {
      // unsupported option: that vital stays off
    }
  };
  const takePending = () => {
    for (const [observer, handle] of observers) {
      try {
        handle(observer.takeRecords());
      } catch {
        // never in the page's way
      }
    }
  };

  observe('largest-contentful-paint', (entries) => {
    if (lcpFinal) return;
    const last = entries[entries.length - 1];
    if (last) values['LCP'] = Math.round(last.startTime);
  });

  let session = 0;
  let sessionStart = 0;
  let sessionLast = 0;
  observe('layout-shift', (entries) => {
    for (const entry of entries as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
      if (entry.hadRecentInput) continue;
      if (session > 0 && entry.startTime - sessionLast < 1000 && entry.startTime - sessionStart < 5000)
        session += entry.value;
      else {
        session = entry.value;
        sessionStart = entry.startTime;
      }
      sessionLast = entry.startTime;
      values['CLS'] = Math.max(values['CLS'] ?? 0, Math.round(session * 10_000) / 10_000);
    }
  });

  const interactions: Record<number, number> = {};
  observe(
    'event',
    (entries) => {
      for (const entry of entries as (PerformanceEntry & { interactionId?: number })[]) {
        const id = entry.interactionId;
        if (!id) continue;
        interactions[id] = Math.max(interactions[id] ?? 0, entry.duration);
      }
      const durations = Object.keys(interactions)
        .map((k) => interactions[Number(k)]!)
        .sort((a, b) => b - a);
      // web-vitals: the worst, skipping one per 50 interactions.
      values['INP'] = durations[Math.min(durations.length - 1, Math.floor(durations.length / 50))];
    },
    { durationThreshold: 40 },
  );

  const stopLcp = () => {
    lcpFinal = true;
  };
  for (const type of ['keydown', 'pointerdown'])
    window.addEventListener(type, stopLcp, { once: true, capture: true, passive: true });

  const report = () => {
    takePending();
    for (const name of Object.keys(THRESHOLDS)) {
      const value = values[name];
      if (value === undefined || value === reported[name]) continue;
      reported[name] = value;
      const [good, poor] = THRESHOLDS[name]!;
      const rating = value <= good ? 'good' : value <= poor ? 'needs-improvement' : 'poor';
      emit({
        k: 'vitals',
        l: rating === 'poor' ? 'warn' : 'info',
        m: `${name} ${name === 'CLS' ? value : `${value} ms`} (${rating})`,
        ts: Date.now(),
        data: { name, value, rating },
      });
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      stopLcp();
      report();
    }
  });
  window.addEventListener('pagehide', report, true);
  window.addEventListener('load', () => window.setTimeout(report, 10_000));
}
