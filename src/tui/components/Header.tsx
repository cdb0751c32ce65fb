import { Box, Text } from 'ink';
import { VIEWS } from '../keys.js';
import type { ViewId } from '../keys.js';
import type { Theme } from '../theme.js';

export interface HeaderProps {
  readonly projectName: string;
  readonly view: ViewId;
  readonly runningCount: number;
  readonly errorCount: number;
  /** Browser tabs with the page client connected. */
  readonly openTabs?: number;
  readonly theme: Theme;
  readonly width: number;
  /** The assistant(s) connected, and the tool of a call running now (a brief indicator). */
  readonly agent?: { readonly clients: readonly string[]; readonly runningTool?: string };
}

/** Two lines: project and live counts, then the view tabs (the active one highlighted). */
export function Header({
  projectName,
  view,
  runningCount,
  errorCount,
  openTabs = 0,
  theme,
  width,
  agent,
}: HeaderProps) {
  const assistant = agent && agent.clients.length > 0 ? agent.clients.join(', ') : undefined;
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            brum
          </Text>{' '}
          <Text bold>{projectName}</Text>
        </Text>
        <Text>
          {assistant ? (
            <Text color={theme.accent}>
              ◆ {assistant}
              {agent?.runningTool ? <Text bold>{` ⟳ ${agent.runningTool}`}</Text> : null}
              {'  '}
            </Text>
          ) : null}
          <Text color={runningCount > 0 ? theme.ok : theme.muted}>● {runningCount} running</Text>
          {'  '}
          <Text color={errorCount > 0 ? theme.error : theme.muted}>
            ✖ {errorCount} error{errorCount === 1 ? '' : 's'}
          </Text>
          {'  '}
          <Text color={openTabs > 0 ? theme.accent : theme.muted}>
            ◎ {openTabs} tab{openTabs === 1 ? '' : 's'}
          </Text>
        </Text>
      </Box>
      <Text wrap="truncate-end">
        {VIEWS.map((v) => {
          const active = v.id === view;
          return (
            <Text key={v.id}>
              <Text inverse={active} bold={active} color={active ? theme.accent : undefined}>
                {` ${v.key} ${v.title} `}
              </Text>{' '}
            </Text>
          );
        })}
      </Text>
    </Box>
  );
}
