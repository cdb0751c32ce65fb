import { Box, Text } from 'ink';
import { describeMembersLeft, type ProcessSnapshot } from '../../core/process/snapshot.js';
import { cell, formatUptime, statusLabel } from '../lib/format.js';
import type { Theme } from '../theme.js';

/** Widths of the variable columns; each includes the gap after it. */
export interface ProcessColumns {
  readonly name: number;
  readonly status: number;
}

const PID = 9;
const UPTIME = 8;
const RESTARTS = 5;

/**
 * The status cell's text: icon, word, and how a failed process ended (`✖ failed (1)`,
 * `✖ failed SIGKILL`); a success needs no exit code.
 */
export function statusText(p: ProcessSnapshot): string {
  const { icon, word } = statusLabel(p);
  // Its leader exited but processes of it still run: it is not done (see ProcessSnapshot.membersLeft).
  if (p.membersLeft > 0) return `${icon} ${word}, ${p.membersLeft} left`;
  if (p.status !== 'failed') return `${icon} ${word}`;
  const exit = p.signal ? ` ${p.signal}` : typeof p.exitCode === 'number' ? ` (${p.exitCode})` : '';
  return `${icon} ${word}${exit}`;
}

/** Column widths that fit these processes: names up to 24, statuses up to 18 columns (then `…`). */
export function processColumns(processes: readonly ProcessSnapshot[]): ProcessColumns {
  return {
    name: Math.min(24, Math.max(6, ...processes.map((p) => p.name.length))) + 2,
    status: Math.min(18, Math.max(11, ...processes.map((p) => statusText(p).length))) + 2,
  };
}

/** Column header matching `ProcessRow`. */
export function ProcessHeader({ columns, theme }: { columns: ProcessColumns; theme: Theme }) {
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {'  '}
      {cell('NAME', columns.name)}
      {cell('STATUS', columns.status)}
      {cell('PID', PID)}
      {cell('UPTIME', UPTIME)}
      {cell('↻', RESTARTS)}
      URL / LAST ERROR
    </Text>
  );
}

export interface ProcessRowProps {
  readonly process: ProcessSnapshot;
  readonly selected: boolean;
  readonly now: number;
  readonly theme: Theme;
  readonly columns: ProcessColumns;
  /** The assistant (MCP client) that started it, if one did. */
  readonly startedBy?: string;
}

/** One process: status (colour + icon + word), pid, uptime, restarts, then its URL and last error. */
export function ProcessRow({ process: p, selected, now, theme, columns, startedBy }: ProcessRowProps) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" inverse={selected}>
        {selected ? '› ' : '  '}
        <Text bold>{cell(p.name, columns.name)}</Text>
        <Text color={theme.status(p.status, p.ready)}>{cell(statusText(p), columns.status)}</Text>
        {cell(p.pid === undefined ? '-' : String(p.pid), PID)}
        {cell(p.startedAt === undefined ? '-' : formatUptime(p.duration(now)), UPTIME)}
        {cell(String(p.restartCount), RESTARTS)}
        {startedBy ? <Text color={theme.accent}>{`◆ by ${startedBy} `}</Text> : null}
        <Text color={theme.link}>{p.urls.join(' ')}</Text>
      </Text>
      {p.lastError || p.reason || p.membersLeft > 0 ? (
        <Text wrap="truncate-end" color={p.lastError ? theme.error : theme.muted}>
          {'    '}
          {p.lastError
            ? `✖ ${p.errorCount > 1 ? `(${p.errorCount}) ` : ''}${p.lastError}${p.reason ? ` · ${p.reason}` : ''}`
            : (p.reason ?? `${describeMembersLeft(p.membersLeft)} (s stops them)`)}
        </Text>
      ) : null}
    </Box>
  );
}
