import { Box, Text } from 'ink';
import { useTui } from '../context.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useLaunchers } from '../hooks/use-launchers.js';
import { useKeyedCursor, visibleWindow } from '../hooks/use-list-cursor.js';
import { useUrls } from '../hooks/use-urls.js';
import { URL_KEYS } from '../keys.js';
import { cell } from '../lib/format.js';

export interface UrlsViewProps {
  readonly isActive: boolean;
  readonly height: number;
}

const urlKey = (u: { readonly processId: string; readonly url: string }): string => `${u.processId} ${u.url}`;

/**
 * Local URLs the processes printed, by process, each beside its proxied URL; open in the browser or
 * copy — the proxied one when there is one (that is where brum sees what the page does).
 */
export function UrlsView({ isActive, height }: UrlsViewProps) {
  const { engine, store, theme } = useTui();
  const urls = useUrls(engine, store);
  const cursor = useKeyedCursor(urls, urlKey);
  const launch = useLaunchers();
  const selected = urls[cursor.index];

  useKeyHints(URL_KEYS, isActive);
  useKeymap(
    URL_KEYS,
    {
      up: () => cursor.move(-1),
      down: () => cursor.move(1),
      open: () => selected && launch.openUrl(selected.proxyUrl ?? selected.url),
      copy: () =>
        selected && launch.copy(selected.proxyUrl ?? selected.url, selected.proxyUrl ?? selected.url),
    },
    { isActive },
  );

  if (urls.length === 0) {
    return (
      <Box height={height}>
        <Text color={theme.muted}>No URLs yet. Dev servers show theirs here once they print them.</Text>
      </Box>
    );
  }
  const nameWidth = Math.min(20, Math.max(...urls.map((u) => u.processName.length))) + 2;
  const { start, end } = visibleWindow(urls.length, cursor.index, height);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {urls.slice(start, end).map((u, i) => {
        const isSelected = start + i === cursor.index;
        return (
          <Text key={`${u.processId} ${u.url}`} wrap="truncate-end" inverse={isSelected && isActive}>
            {isSelected ? '› ' : '  '}
            <Text color={theme.label(u.processName)}>{cell(u.processName, nameWidth)}</Text>
            <Text color={u.alive ? theme.link : theme.muted} underline={u.alive}>
              {u.url}
            </Text>
            {u.proxyUrl ? (
              <>
                <Text color={theme.muted}> → </Text>
                <Text color={u.alive ? theme.link : theme.muted}>{u.proxyUrl}</Text>
              </>
            ) : null}
            {u.alive ? '' : <Text color={theme.muted}> (process ended)</Text>}
          </Text>
        );
      })}
    </Box>
  );
}
