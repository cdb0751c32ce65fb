import { Box, Text } from 'ink';
import type { ErrorRecord } from '../../core/detect/types.js';
import { visibleWindow } from '../hooks/use-list-cursor.js';
import { cell, formatAgo, formatLocation, relativeTo } from '../lib/format.js';
import type { Theme } from '../theme.js';

export interface ErrorListProps {
  readonly errors: readonly ErrorRecord[];
  readonly selected: number;
  readonly processNames: ReadonlyMap<string, string>;
  readonly now: number;
  readonly height: number;
  readonly theme: Theme;
  readonly active: boolean;
  /** Paths inside this folder are shown relative to it. */
  readonly baseDir?: string;
}

/** Current errors first, then resolved (dimmed): kind, file:line, count, last seen, message. */
export function ErrorList(props: ErrorListProps) {
  const { errors, selected, processNames, now, height, theme, active, baseDir } = props;
  if (errors.length === 0) {
    return (
      <Text color={theme.muted}>No errors yet. Errors and warnings that processes print show up here.</Text>
    );
  }
  // Two lines per error: headline and message.
  const { start, end } = visibleWindow(errors.length, selected, Math.max(1, Math.floor(height / 2)));
  return (
    <Box flexDirection="column">
      {errors.slice(start, end).map((e, i) => {
        const isSelected = start + i === selected;
        const color = e.resolved ? theme.muted : e.severity === 'error' ? theme.error : theme.warning;
        const icon = e.resolved ? '✓' : e.severity === 'error' ? '✖' : '⚠';
        return (
          <Box key={e.id} flexDirection="column">
            <Text wrap="truncate-end" inverse={isSelected && active}>
              {isSelected ? '› ' : '  '}
              <Text color={color}>{`${icon} ${cell(`${e.kind}${e.code ? ` ${e.code}` : ''}`, 19)}`}</Text>
              <Text bold>
                {formatLocation({ ...e, file: e.file && relativeTo(e.file, baseDir) }) ?? '(no location)'}
              </Text>
              <Text color={theme.muted}>
                {`  ×${e.count}  ${formatAgo(e.lastSeen, now)}  ${processNames.get(e.processId) ?? e.processId}${e.resolved ? '  resolved' : ''}`}
              </Text>
            </Text>
            <Text wrap="truncate-end" color={e.resolved ? theme.muted : undefined}>
              {'    '}
              {e.message}
            </Text>
          </Box>
        );
      })}
    </Box>
  );
}
