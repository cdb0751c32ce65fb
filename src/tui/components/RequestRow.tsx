import { Text } from 'ink';
import type { ProxyRequestRecord } from '../../core/browser/types.js';
import { cell } from '../lib/format.js';
import type { Theme } from '../theme.js';

/** `200`, `ERR` (no response), `…` (in flight). */
export function statusText(r: ProxyRequestRecord): string {
  if (r.status !== undefined) return String(r.status);
  return r.error !== undefined ? 'ERR' : r.durationMs === undefined ? '…' : '-';
}

export function statusColor(r: ProxyRequestRecord, theme: Theme): string | undefined {
  if (r.error !== undefined || (r.status ?? 0) >= 500) return theme.error;
  if ((r.status ?? 0) >= 400) return theme.warning;
  if (r.status === undefined) return theme.muted;
  return (r.status ?? 0) >= 300 ? theme.accent : theme.ok;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)}K`;
  return `${(bytes / 1024 / 1024).toFixed(1)}M`;
}

export interface RequestRowProps {
  readonly request: ProxyRequestRecord;
  readonly processName: string;
  readonly selected: boolean;
  readonly active: boolean;
  readonly theme: Theme;
}

/** One request: marker, process, method, status (coloured), duration, size, path, flags. */
export function RequestRow({ request: r, processName, selected, active, theme }: RequestRowProps) {
  const duration = r.durationMs === undefined ? '' : `${Math.round(r.durationMs)}ms`;
  const flags = [r.websocket ? 'ws' : '', r.injected ? '⤷client' : '', r.warning ? '⚠' : ''].filter(Boolean);
  return (
    <Text wrap="truncate-end" inverse={selected && active}>
      {selected ? '› ' : '  '}
      <Text color={theme.label(processName)}>{cell(processName, 10)}</Text>
      {cell(r.websocket ? 'WS' : r.method, 7)}
      <Text color={statusColor(r, theme)}>{cell(statusText(r), 5)}</Text>
      <Text color={theme.muted}>{cell(duration, 8)}</Text>
      <Text color={theme.muted}>{cell(formatBytes(r.bytes), 8)}</Text>
      {r.url}
      {flags.length > 0 ? (
        <Text color={r.warning ? theme.warning : theme.muted}> {flags.join(' ')}</Text>
      ) : null}
    </Text>
  );
}
