import { Box, Text } from 'ink';
import type { ProxyRequestRecord } from '../../core/browser/types.js';
import type { Theme } from '../theme.js';
import { formatBytes, statusColor, statusText } from './RequestRow.js';

export interface RequestDetailProps {
  readonly request: ProxyRequestRecord;
  readonly processName: string;
  /** The proxy origin the browser used (for the full URL). */
  readonly proxyUrl: string | undefined;
  readonly theme: Theme;
  readonly width: number;
}

/** Everything the ring knows about one request. */
export function RequestDetail({ request: r, processName, proxyUrl, theme, width }: RequestDetailProps) {
  const rows: [string, string, string | undefined][] = [
    ['request', `${r.websocket ? 'WebSocket ' : ''}${r.method} ${r.url}`, undefined],
    ['url', proxyUrl ? new URL(r.url, proxyUrl).href : r.url, theme.link],
    ['process', `${processName} (${r.processId})`, theme.label(processName)],
    ['status', statusText(r), statusColor(r, theme)],
    ['time', new Date(r.time).toLocaleTimeString(), undefined],
    ['duration', r.durationMs === undefined ? 'in flight' : `${r.durationMs} ms`, undefined],
    ['size', `${formatBytes(r.bytes)} (${r.bytes} bytes sent to the browser)`, undefined],
  ];
  if (r.contentType) rows.push(['type', r.contentType, undefined]);
  if (r.injected !== undefined)
    rows.push(['client', r.injected ? 'injected into this page' : 'not injected', undefined]);
  if (r.tab) rows.push(['tab', r.tab, undefined]);
  if (r.error) rows.push(['error', r.error, theme.error]);
  if (r.warning) rows.push(['warning', r.warning, theme.warning]);
  return (
    <Box flexDirection="column" width={width}>
      {rows.map(([label, value, color]) => (
        <Text key={label} wrap="wrap">
          <Text color={theme.muted}>{label.padEnd(10)}</Text>
          <Text color={color}>{value}</Text>
        </Text>
      ))}
    </Box>
  );
}
