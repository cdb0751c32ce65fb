import { Box, Text } from 'ink';
import type { ProcessSnapshot } from '../../core/process/snapshot.js';
import { fit, formatUptime, statusLabel } from '../lib/format.js';
import type { Theme } from '../theme.js';

export interface ProcessRowProps {
  readonly process: ProcessSnapshot;
  readonly selected: boolean;
  readonly now: number;
  readonly theme: Theme;
  readonly nameWidth: number;
}

/** Column header matching `ProcessRow`. */
export function ProcessHeader({ nameWidth, theme }: { nameWidth: number; theme: Theme }) {
  return (
    <Text color={theme.muted} wrap="truncate-end">
      {'  '}
      {fit('NAME', nameWidth)}
      {fit('STATUS', 12)}
      {fit('PID', 8)}
      {fit('UPTIME', 8)}
      {fit('↻', 3)}
      URL / LAST ERROR
    </Text>
  );
}

/** One process: status (colour + icon + word), pid, uptime, restarts, then its URL and last error. */
export function ProcessRow({ process: p, selected, now, theme, nameWidth }: ProcessRowProps) {
  const { icon, word } = statusLabel(p);
  const exit =
    p.status === 'failed' || p.status === 'succeeded'
      ? p.signal
        ? ` ${p.signal}`
        : p.exitCode !== undefined && p.exitCode !== null
          ? ` (${p.exitCode})`
          : ''
      : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" inverse={selected}>
        {selected ? '› ' : '  '}
        <Text bold>{fit(p.name, nameWidth)}</Text>
        <Text color={theme.status(p.status, p.ready)}>{fit(`${icon} ${word}${exit}`, 12)}</Text>
        {fit(p.pid === undefined ? '-' : String(p.pid), 8)}
        {fit(p.startedAt === undefined ? '-' : formatUptime(p.duration(now)), 8)}
        {fit(String(p.restartCount), 3)}
        <Text color={theme.link}>{p.urls.join(' ')}</Text>
      </Text>
      {p.lastError || p.reason ? (
        <Text wrap="truncate-end" color={p.lastError ? theme.error : theme.muted}>
          {'    '}
          {p.lastError ? `✖ ${p.errorCount > 1 ? `(${p.errorCount}) ` : ''}${p.lastError}` : p.reason}
        </Text>
      ) : null}
    </Box>
  );
}
