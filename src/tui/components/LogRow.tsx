import { Text } from 'ink';
import type { LogLine } from '../../core/logs/types.js';
import { fitAnsi } from '../lib/fit-ansi.js';
import type { Theme } from '../theme.js';

export interface LogRowProps {
  readonly line: LogLine;
  /** Process label for the merged view; omitted when showing one process. */
  readonly label?: string;
  readonly labelWidth: number;
  readonly width: number;
  readonly highlighted: boolean;
  readonly theme: Theme;
}

const GUTTER: Record<LogLine['stream'], string> = { stdout: ' ', stderr: '!', system: '»' };

/**
 * One log line, cut to the width (never wrapped). The child's own ANSI colours are kept unless colour
 * is off; stderr is marked in the gutter (`!`, red) so it stays distinguishable without colour.
 */
export function LogRow({ line, label, labelWidth, width, highlighted, theme }: LogRowProps) {
  const prefix = label === undefined ? 0 : labelWidth + 1;
  const room = Math.max(0, width - prefix - 2);
  const body = theme.color ? fitAnsi(line.raw, room) : fitAnsi(line.text, room, false);
  const gutter = highlighted ? '▶' : GUTTER[line.stream];
  return (
    <Text wrap="truncate-end">
      {label === undefined ? null : (
        <Text color={theme.label(label)}>{`${label.slice(0, labelWidth).padEnd(labelWidth)} `}</Text>
      )}
      <Text
        color={
          highlighted
            ? theme.accent
            : line.level === 'error' || line.stream === 'stderr'
              ? theme.error
              : line.level === 'warning'
                ? theme.warning
                : theme.muted
        }
        bold={highlighted}
      >{`${gutter} `}</Text>
      {line.stream === 'system' ? <Text color={theme.muted}>{body}</Text> : body}
    </Text>
  );
}
