/**
 * Turns engine events into resource notifications, coalesced and throttled: a flood of log lines
 * becomes at most one `resources/updated` per URI per interval (default 250 ms, so ≤ 4/s).
 */
import type { Engine } from '../../core/engine-api.js';
import type { Unsubscribe } from '../../core/events.js';
import { errorsUri, logsUri, PROCESSES_URI } from './resources.js';

/** Where change notifications go (an HTTP handler's `notify`, or stdio server instances). */
export interface ChangeSink {
  resourcesChanged(): void;
  resourceUpdated(uri: string): void;
}

/** Subscribes to `engine` and feeds `sink`; returns the function that stops it (idempotent). */
export function forwardEngineChanges(
  engine: Pick<Engine, 'on'>,
  sink: ChangeSink,
  options: { intervalMs?: number; onError: (error: unknown) => void },
): Unsubscribe {
  const intervalMs = options.intervalMs ?? 250;
  const dirty = new Set<string>();
  let listChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let lastFlush = 0;
  let stopped = false;

  const flush = () => {
    timer = undefined;
    lastFlush = Date.now();
    const uris = [...dirty];
    dirty.clear();
    const changed = listChanged;
    listChanged = false;
    // One failed notification (a broken client connection) must neither stop the others nor vanish.
    const send = (notify: () => void): void => {
      try {
        notify();
      } catch (error) {
        options.onError(error);
      }
    };
    if (changed) send(() => sink.resourcesChanged());
    for (const uri of uris) send(() => sink.resourceUpdated(uri));
  };

  const mark = (uri: string, newProcess = false) => {
    if (stopped) return;
    dirty.add(uri);
    if (newProcess) listChanged = true;
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, lastFlush + intervalMs - Date.now()));
    timer.unref();
  };

  const offs = [
    engine.on('process', (e) => mark(PROCESSES_URI, e.previous === undefined)),
    engine.on('logs', (e) => mark(logsUri(e.processId))),
    engine.on('errors', (e) => mark(errorsUri(e.processId))),
  ];

  return () => {
    if (stopped) return;
    stopped = true;
    for (const off of offs) off();
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
}
