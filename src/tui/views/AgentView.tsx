import { Box, Text } from 'ink';
import { useState } from 'react';
import { AgentCallDetail, AgentCallList, AgentClients, callDetailLines } from '../components/AgentCalls.js';
import { useTui } from '../context.js';
import { useActivity } from '../hooks/use-activity.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useKeyedCursor } from '../hooks/use-list-cursor.js';
import { useNow } from '../hooks/use-now.js';
import { AGENT_DETAIL_KEYS, AGENT_KEYS } from '../keys.js';

export interface AgentViewProps {
  readonly isActive: boolean;
  readonly height: number;
}

const callKey = (c: { readonly seq: number }): string => String(c.seq);

/** What the assistant does: connected MCP clients and their tool calls; Enter shows one call in full. */
export function AgentView({ isActive, height }: AgentViewProps) {
  const { activity, store, theme } = useTui();
  const state = useActivity(activity, store);
  const cursor = useKeyedCursor(state.calls, callKey);
  const [detailSeq, setDetailSeq] = useState<number | undefined>();
  const [scroll, setScroll] = useState(0);
  const now = useNow(1000, isActive);

  const selected = state.calls[cursor.index];
  const detail = detailSeq === undefined ? undefined : state.calls.find((c) => c.seq === detailSeq);
  const inDetail = detail !== undefined;
  const maxScroll = detail ? Math.max(0, callDetailLines(detail).length - height) : 0;

  useKeyHints(inDetail ? AGENT_DETAIL_KEYS : AGENT_KEYS, isActive);
  useKeymap(
    AGENT_KEYS,
    {
      up: () => cursor.move(-1),
      down: () => cursor.move(1),
      detail: () => {
        if (!selected) return;
        setScroll(0);
        setDetailSeq(selected.seq);
      },
    },
    { isActive: isActive && !inDetail },
  );
  useKeymap(
    AGENT_DETAIL_KEYS,
    {
      back: () => setDetailSeq(undefined),
      'scroll-up': () => setScroll((s) => Math.max(0, Math.min(maxScroll, s) - 1)),
      'scroll-down': () => setScroll((s) => Math.min(maxScroll, s + 1)),
    },
    { isActive: isActive && inDetail },
  );

  if (!activity) {
    return (
      <Box height={height}>
        <Text color={theme.muted}>The MCP server is off (--no-mcp): no assistant can connect.</Text>
      </Box>
    );
  }
  if (detail) {
    return (
      <Box flexDirection="column" height={height} overflow="hidden">
        <AgentCallDetail call={detail} scroll={scroll} height={height} theme={theme} />
      </Box>
    );
  }
  const clientRows = Math.max(1, state.clients.length);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <AgentClients clients={state.clients} now={now} theme={theme} />
      <Text> </Text>
      <AgentCallList
        calls={state.calls}
        selected={cursor.index}
        height={Math.max(2, height - clientRows - 1)}
        active={isActive}
        theme={theme}
      />
    </Box>
  );
}
