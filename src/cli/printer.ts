/**
 * Streams every process's output, prefixed, to a writer — the heart of headless and one-shot modes.
 * Subscribes to engine events (lines arrive in batches, one write per batch) and returns an unsubscribe.
 */
import type { Engine } from '../core/engine-api.js';
import type { BoundedWriter } from './bounded-writer.js';
import type { LineFormatter } from './line-format.js';
import type { ProcessSnapshot } from '../core/process/snapshot.js';

export function printOutput(
  engine: Pick<Engine, 'on' | 'get' | 'browser'>,
  formatter: LineFormatter,
  out: BoundedWriter,
): () => void {
  const names = new Map<string, string>();
  const nameOf = (id: string): string => {
    let name = names.get(id);
    if (name === undefined) {
      name = engine.get(id)?.name ?? id;
      names.set(id, name);
    }
    return name;
  };
  const offLogs = engine.on('logs', ({ processId, lines, joined }) => {
    const { parts, ascii } = formatter.formatParts(processId, nameOf(processId), lines, joined);
    out.write(parts, ascii);
  });
  const offProcess = engine.on('process', ({ process, previous }) => {
    if (previous?.status === process.status) return;
    const name = nameOf(process.id);
    const label = formatter.label(process.id, name);
    const note = describeTransition(process);
    if (note) out.write(`${label} ${note}\n`);
  });
  // The proxied URL beside the one the process printed: where to open the app for browser insight.
  const announced = new Map<string, string>();
  const offProxy = engine.browser.on('proxy', (proxy) => {
    const label = formatter.label(proxy.processId, nameOf(proxy.processId));
    if (proxy.status === 'listening' && proxy.proxyUrl !== undefined) {
      if (announced.get(proxy.target) === proxy.processId) return;
      announced.set(proxy.target, proxy.processId);
      out.write(
        `${label} ⇄ ${proxy.target} is proxied at ${proxy.proxyUrl} (open that for browser insight)\n`,
      );
    } else if (proxy.status === 'failed') {
      out.write(`${label} ✖ no proxy for ${proxy.target}: ${proxy.error ?? 'unknown error'}\n`);
    }
  });
  return () => {
    offLogs();
    offProcess();
    offProxy();
  };
}

function describeTransition(p: ProcessSnapshot): string | undefined {
  switch (p.status) {
    case 'running':
      return `▶ started: ${p.command} (pid ${p.pid})`;
    case 'stopping':
      return '◌ stopping…';
    case 'stopped':
      return '■ stopped';
    case 'succeeded':
      return `✔ exited with code 0 after ${Math.round(p.duration() / 100) / 10}s`;
    case 'failed':
      return `✖ failed${p.signal ? ` (signal ${p.signal})` : p.exitCode != null ? ` with code ${p.exitCode}` : ''}${p.reason ? `: ${p.reason}` : ''}`;
    case 'pending':
      return p.reason ? `… ${p.reason}` : undefined;
    default:
      return undefined;
  }
}
