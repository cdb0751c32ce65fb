import { Box, Text } from 'ink';
import type { TabSession } from '../../core/browser/types.js';
import type { Theme } from '../theme.js';

export interface TabListProps {
  readonly tabs: readonly TabSession[];
  readonly theme: Theme;
  readonly height: number;
}

/** The browser tabs brum sees (id, URL, title), connected ones first. */
export function TabList({ tabs, theme, height }: TabListProps) {
  const sorted = [...tabs].sort(
    (a, b) => Number(b.connected) - Number(a.connected) || b.lastSeen - a.lastSeen,
  );
  const shown = sorted.slice(0, Math.max(1, height - 1));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text color={theme.muted}>
        {tabs.length === 0
          ? 'No browser tabs yet: open a proxied URL (o), or let an assistant use browser_open.'
          : `${tabs.filter((t) => t.connected).length} connected tab(s) of ${tabs.length} (t: back)`}
      </Text>
      {shown.map((t) => (
        <Text key={t.tab} wrap="truncate-end" color={t.connected ? undefined : theme.muted}>
          {t.tab} <Text color={theme.link}>{t.url}</Text>
          {t.title ? ` "${t.title}"` : ''}
          {t.managed ? ' (managed)' : ''}
          {t.connected ? '' : ' (disconnected)'}
        </Text>
      ))}
    </Box>
  );
}
