import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { ErrorRecord } from '../../core/detect/types.js';
import type { LogLine } from '../../core/logs/types.js';
import { fitAnsi } from '../lib/fit-ansi.js';
import { formatAgo, formatLocation, relativeTo } from '../lib/format.js';
import type { Theme } from '../theme.js';

export interface ErrorDetailProps {
  readonly error: ErrorRecord;
  readonly rawLines: readonly LogLine[];
  readonly processName: string;
  readonly scroll: number;
  readonly height: number;
  readonly width: number;
  readonly now: number;
  readonly theme: Theme;
  /** Paths inside this folder are shown relative to it. */
  readonly baseDir?: string;
}

/** How many rows `ErrorDetail` draws before cutting to its height (for clamping the scroll). */
export function errorDetailRows(error: ErrorRecord, rawLineCount: number): number {
  return 3 + (error.stack.length > 0 ? error.stack.length + 1 : 0) + Math.max(1, rawLineCount);
}

/** One error in full: headline, location, stack, then the raw output lines it came from. */
export function ErrorDetail({
  error,
  rawLines,
  processName,
  scroll,
  height,
  width,
  now,
  theme,
  baseDir,
}: ErrorDetailProps) {
  const rows: { key: string; node: ReactNode }[] = [];
  const push = (key: string, node: ReactNode): void => {
    rows.push({ key, node });
  };
  push(
    'msg',
    <Text
      bold
      color={error.severity === 'error' ? theme.error : theme.warning}
    >{`${error.kind}${error.code ? ` ${error.code}` : ''}: ${error.message}`}</Text>,
  );
  push(
    'loc',
    <Text>{`at ${formatLocation({ ...error, file: error.file && relativeTo(error.file, baseDir) }) ?? '(no location)'} · ${processName} · ×${error.count} · first ${formatAgo(error.firstSeen, now)} · last ${formatAgo(error.lastSeen, now)}${error.resolved ? ' · resolved' : ''}`}</Text>,
  );
  if (error.stack.length > 0) {
    push('stack-h', <Text bold>Stack</Text>);
    error.stack.forEach((s, i) => push(`s${i}`, <Text color={theme.muted}>{`  ${s}`}</Text>));
  }
  push('raw-h', <Text bold>{`Output (lines ${error.seqStart}–${error.seqEnd})`}</Text>);
  if (rawLines.length === 0)
    push('raw-none', <Text color={theme.muted}> (no longer in the log buffer)</Text>);
  for (const line of rawLines) {
    const body = theme.color ? fitAnsi(line.raw, width - 2) : fitAnsi(line.text, width - 2, false);
    push(`r${line.seq}`, <Text>{`  ${body}`}</Text>);
  }
  const visible = rows.slice(Math.min(scroll, Math.max(0, rows.length - height)), undefined).slice(0, height);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {visible.map((r) => (
        <Text key={r.key} wrap="truncate-end">
          {r.node}
        </Text>
      ))}
    </Box>
  );
}
