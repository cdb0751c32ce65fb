import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic, ErrorRecord } from '../detect/types.js';
import { diagnosticOf, hotUpdatedFiles, MAX_PASS_MS, PageErrors, SETTLE_MS } from './page-errors.js';
import type { TelemetryEvent } from './types.js';

let seq = 0;
function event(tab: string, load: string, fields: Partial<TelemetryEvent>): TelemetryEvent {
  return {
    seq: ++seq,
    time: 0,
    tab,
    load,
    processId: 'dev-1',
    kind: 'console',
    level: 'info',
    message: '',
    ...fields,
  };
}
const thrown = (tab: string, load: string, message: string, file = 'src/App.tsx') =>
  event(tab, load, { kind: 'error', level: 'error', message, location: { file, line: 3 } });
const loaded = (tab: string, load: string) =>
  event(tab, load, { kind: 'navigation', data: { phase: 'load' } });

function setup() {
  const reported: { processId: string; d: Diagnostic; at: { line: string } | { seq: number } }[] = [];
  const resolved: string[] = [];
  const errors = new PageErrors(
    {
      report: (processId, d, at) => {
        reported.push({ processId, d, at });
        return { fingerprint: `${d.message}@${d.file}`, seqStart: reported.length } as ErrorRecord;
      },
      resolve: (_processId, fingerprints) => resolved.push(...fingerprints),
    },
    Date.now,
  );
  return { errors, reported, resolved };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('browser error records', () => {
  it('a reload that does not reproduce an error resolves it; one that does keeps it', () => {
    const { errors, reported, resolved } = setup();
    errors.loadStarted('t-a', 'l-1');
    errors.onEvents('t-a', [thrown('t-a', 'l-1', 'A'), thrown('t-a', 'l-1', 'B'), thrown('t-a', 'l-1', 'B')]);
    // One log line per record per load; repeats point at it.
    expect(reported.map((r) => ('line' in r.at ? 'line' : 'seq'))).toEqual(['line', 'line', 'seq']);
    errors.loadStarted('t-a', 'l-2');
    errors.onEvents('t-a', [thrown('t-a', 'l-2', 'B'), loaded('t-a', 'l-2')]);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(resolved).toEqual(['A@src/App.tsx']);
  });

  it('waits for the page to load before it judges (at most MAX_PASS_MS)', () => {
    const { errors, resolved } = setup();
    errors.loadStarted('t-a', 'l-1');
    errors.onEvents('t-a', [thrown('t-a', 'l-1', 'A')]);
    errors.loadStarted('t-a', 'l-2');
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(resolved).toEqual([]);
    vi.advanceTimersByTime(MAX_PASS_MS);
    expect(resolved).toEqual(['A@src/App.tsx']);
  });

  it("a hot update resolves only the updated file's records that did not come back", () => {
    const { errors, resolved } = setup();
    errors.loadStarted('t-a', 'l-1');
    errors.onEvents('t-a', [
      thrown('t-a', 'l-1', 'A', 'src/App.tsx'),
      thrown('t-a', 'l-1', 'C', 'src/Other.tsx'),
    ]);
    errors.onEvents('t-a', [
      event('t-a', 'l-1', { kind: 'console', level: 'debug', message: '[vite] hot updated: /src/App.tsx' }),
    ]);
    vi.advanceTimersByTime(SETTLE_MS);
    expect(resolved).toEqual(['A@src/App.tsx']);
  });

  it('turns errors and console errors/warnings into diagnostics, nothing else', () => {
    expect(diagnosticOf(thrown('t', 'l', 'TypeError: x\nmore'))).toMatchObject({
      severity: 'error',
      kind: 'browser',
      message: 'TypeError: x',
      file: 'src/App.tsx',
    });
    expect(diagnosticOf(event('t', 'l', { level: 'warn', message: 'w' }))).toMatchObject({
      severity: 'warning',
      code: 'console.warn',
    });
    expect(diagnosticOf(event('t', 'l', { level: 'info', message: 'i' }))).toBeUndefined();
    expect(
      diagnosticOf(event('t', 'l', { kind: 'network', level: 'error', message: 'GET x → 500' })),
    ).toBeUndefined();
    expect(
      diagnosticOf(event('t', 'l', { level: 'warn', message: 'dropped', data: { brum: true } })),
    ).toBeUndefined();
    expect(hotUpdatedFiles('[vite] hot updated: /src/App.tsx?t=1')).toEqual(['src/App.tsx']);
    expect(hotUpdatedFiles('[vite] connected.')).toBeUndefined();
  });
});
