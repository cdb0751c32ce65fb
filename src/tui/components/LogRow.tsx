import { Box, Text, Transform } from 'ink';
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

/** `room` spaces, made once per width. */
const blanks: string[] = [];
function blank(room: number): string {
  return (blanks[room] ??= ' '.repeat(room));
}

/**
 * One log line, cut to the width (never wrapped). The child's own ANSI colours are kept unless colour
 * is off; stderr is marked in the gutter (`!`, red) so it stays distinguishable without colour.
 *
 * The line's text reaches the screen through a `Transform` of a blank of the row's width, so that
 * Ink lays the row out — and measures it — as that blank. Ink 6 keeps the size of every distinct text
 * it ever measured in a module-level map with no limit (upstream ink#986, bounded only in Ink 7, which
 * needs Node 22): ~200 bytes for every distinct line shown, ~160 MB an hour while following a flood.
 * Measured as blanks, a row costs that map one entry per width. The label and the gutter stay plain
 * `Text` (a few distinct strings); the transform is the row's own text node, never one nested in
 * another `Text` (Ink applies nested transforms before it measures).
 */
export function LogRow({ line, label, labelWidth, width, highlighted, theme }: LogRowProps) {
  const prefix = label === undefined ? 0 : labelWidth + 1;
  const room = Math.max(0, width - prefix - 2);
  const body = theme.color ? fitAnsi(line.raw, room) : fitAnsi(line.text, room, false);
  const gutter = highlighted ? '▶' : GUTTER[line.stream];
  const space = blank(room);
  // The blank may come coloured (system lines): the body takes its place inside the colour codes (a
  // replacer function, so that `$&` or `$1` in a line is text, not a replacement pattern).
  const show = (drawn: string): string => drawn.replace(space, () => body);
  return (
    <Box flexDirection="row" height={1}>
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
      {room === 0 ? null : (
        <Transform transform={show}>
          {line.stream === 'system' ? <Text color={theme.muted}>{space}</Text> : space}
        </Transform>
      )}
    </Box>
  );
}
