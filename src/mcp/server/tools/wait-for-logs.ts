import type { Engine } from '../../../core/engine-api.js';

/**
 * Resolves when a line with seq > `after` is stored (for `processId`, or any process), when
 * `timeoutMs` passes, or when `signal` aborts, whichever comes first. Always removes its listener,
 * timer and abort handler: a long-poll must leave nothing behind.
 */
export function waitForLogs(
  engine: Pick<Engine, 'on'>,
  options: { processId: string | undefined; after: number; timeoutMs: number; signal?: AbortSignal },
): Promise<'logs' | 'timeout' | 'aborted'> {
  const { processId, after, timeoutMs, signal } = options;
  if (signal?.aborted) return Promise.resolve('aborted');
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: 'logs' | 'timeout' | 'aborted') => {
      if (done) return;
      done = true;
      unsubscribe();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => finish('aborted');
    const unsubscribe = engine.on('logs', (event) => {
      if ((processId === undefined || event.processId === processId) && event.lastSeq > after) finish('logs');
    });
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
