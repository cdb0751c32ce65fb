import { Box, Text } from 'ink';
import { formatBytes, formatDuration } from '../../core/activity/summarize.js';
import type { AgentClient, ToolCallRecord } from '../../core/activity/types.js';
import { visibleWindow } from '../hooks/use-list-cursor.js';
import { cell, formatAgo } from '../lib/format.js';
import type { Theme } from '../theme.js';

const TIME = 10;
const CLIENT = 16;
const TOOL = 16;
const TOOK = 9;
const SIZE = 9;

export function clockTime(time: number): string {
  return new Date(time).toTimeString().slice(0, 8);
}

/** The connected clients, one line each: name, version, transport, since when, how many calls. */
export function AgentClients({
  clients,
  now,
  theme,
}: {
  clients: readonly AgentClient[];
  now: number;
  theme: Theme;
}) {
  if (clients.length === 0) {
    return (
      <Text color={theme.muted} wrap="truncate-end">
        No assistant connected. Point an MCP client at brum (Settings shows how); its calls appear here.
      </Text>
    );
  }
  return (
    <Box flexDirection="column">
      {clients.map((c) => (
        <Text key={c.id} wrap="truncate-end">
          <Text color={theme.accent}>◆ </Text>
          <Text bold>{c.name}</Text>
          {c.version ? ` ${c.version}` : ''}
          <Text color={theme.muted}>
            {`  ${c.transport}  connected ${clockTime(c.connectedAt)} (${formatAgo(c.connectedAt, now)})  ${c.calls} call${c.calls === 1 ? '' : 's'}`}
          </Text>
        </Text>
      ))}
    </Box>
  );
}

function outcome(call: ToolCallRecord): string {
  if (call.status === 'running') return 'running…';
  const took = call.durationMs === undefined ? '' : formatDuration(call.durationMs);
  return took;
}

/** The calls, newest first, with the selected one highlighted; a failed call shows its error in red. */
export function AgentCallList(props: {
  calls: readonly ToolCallRecord[];
  selected: number;
  height: number;
  active: boolean;
  theme: Theme;
}) {
  const { calls, selected, height, active, theme } = props;
  if (calls.length === 0) {
    return <Text color={theme.muted}>No tool calls yet.</Text>;
  }
  const rows = Math.max(1, height - 1);
  const { start, end } = visibleWindow(calls.length, selected, rows);
  return (
    <Box flexDirection="column">
      <Text color={theme.muted} wrap="truncate-end">
        {'  '}
        {cell('TIME', TIME)}
        {cell('CLIENT', CLIENT)}
        {cell('TOOL', TOOL)}
        {cell('TOOK', TOOK)}
        {cell('SIZE', SIZE)}
        ARGUMENTS / ERROR
      </Text>
      {calls.slice(start, end).map((call, i) => {
        const isSelected = start + i === selected;
        const failed = call.status === 'error';
        return (
          <Text key={call.seq} wrap="truncate-end" inverse={isSelected && active}>
            {isSelected ? '› ' : '  '}
            {cell(clockTime(call.time), TIME)}
            {cell(call.clientName, CLIENT)}
            <Text bold>{cell(call.tool, TOOL)}</Text>
            <Text color={call.status === 'running' ? theme.warning : undefined}>
              {cell(outcome(call), TOOK)}
            </Text>
            {cell(call.resultBytes === undefined ? '' : formatBytes(call.resultBytes), SIZE)}
            {failed ? <Text color={theme.error}>✖ {call.error} </Text> : null}
            <Text color={theme.muted}>{call.summary}</Text>
          </Text>
        );
      })}
    </Box>
  );
}

/** The lines of a call's detail page: a heading, the arguments, the result. */
export function callDetailLines(call: ToolCallRecord): string[] {
  const head = [
    `${call.tool} — ${call.clientName}, ${clockTime(call.time)}`,
    call.status === 'running'
      ? 'running…'
      : `${call.status === 'error' ? 'failed' : 'ok'} in ${formatDuration(call.durationMs ?? 0)}, ${formatBytes(call.resultBytes ?? 0)}`,
    '',
    `Arguments${call.argsTruncated ? ' (cut)' : ''}:`,
  ];
  const result =
    call.result === undefined
      ? []
      : ['', `Result${call.resultTruncated ? ' (cut)' : ''}:`, ...call.result.split('\n')];
  return [...head, ...call.args.split('\n').map((l) => `  ${l}`), ...result];
}

/** One call in full (bounded by the store), scrolled by `scroll` lines. */
export function AgentCallDetail(props: {
  call: ToolCallRecord;
  scroll: number;
  height: number;
  theme: Theme;
}) {
  const { call, scroll, height, theme } = props;
  const lines = callDetailLines(call);
  const shown = lines.slice(scroll, scroll + height);
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        <Text
          key={scroll + i}
          wrap="truncate-end"
          bold={scroll + i === 0}
          color={scroll + i === 1 && call.status === 'error' ? theme.error : undefined}
        >
          {line === '' ? ' ' : line}
        </Text>
      ))}
    </Box>
  );
}
