import { Box, Text } from 'ink';
import type { ProcessSnapshot } from '../../core/process/snapshot.js';
import { ProcessHeader, ProcessRow, processColumns } from '../components/ProcessRow.js';
import { useTui } from '../context.js';
import { useActivity } from '../hooks/use-activity.js';
import { useAction } from '../hooks/use-action.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useKeyedCursor, visibleWindow } from '../hooks/use-list-cursor.js';
import { useNow } from '../hooks/use-now.js';
import { useProcessList } from '../hooks/use-process-list.js';
import { PROCESS_KEYS } from '../keys.js';

export interface ProcessesViewProps {
  readonly isActive: boolean;
  readonly height: number;
  /** Enter on a process: show its logs. */
  readonly onShowLogs: (processId: string) => void;
}

const processKey = (p: ProcessSnapshot): string => p.id;

/** Every process of this session with live status; stop, restart, restart all. */
export function ProcessesView({ isActive, height, onShowLogs }: ProcessesViewProps) {
  const { engine, store, theme, notify, activity } = useTui();
  // Re-rendered when the assistant starts something, so its mark shows without waiting for the engine.
  useActivity(activity, store);
  const act = useAction();
  const { processes } = useProcessList(store);
  const cursor = useKeyedCursor(processes, processKey);
  const now = useNow(1000, isActive);
  const selected = processes[cursor.index];

  useKeyHints(PROCESS_KEYS, isActive);
  useKeymap(
    PROCESS_KEYS,
    {
      up: () => cursor.move(-1),
      down: () => cursor.move(1),
      logs: () => selected && onShowLogs(selected.id),
      stop: () =>
        selected &&
        act(`stop ${selected.id}`, async () => {
          notify(`stopping ${selected.id}…`);
          const r = await engine.stop(selected.id);
          notify(r.alreadyFinished ? `${selected.id} had already finished` : `stopped ${selected.id}`);
        }),
      restart: () =>
        selected &&
        act(`restart ${selected.name}`, async () => {
          notify(`restarting ${selected.name}…`);
          const p = await engine.restart(selected.id);
          notify(`restarted ${p.name} as ${p.id}`);
        }),
      'restart-all': () =>
        act('restart all', async () => {
          notify('restarting all…');
          const all = await engine.restartAll();
          notify(`restarted ${all.length} process${all.length === 1 ? '' : 'es'}`);
        }),
    },
    { isActive },
  );

  const columns = processColumns(processes);
  // Rows with an error line take two lines; budget conservatively.
  const { start, end } = visibleWindow(
    processes.length,
    cursor.index,
    Math.max(1, Math.floor((height - 1) / 2)),
  );

  if (processes.length === 0) {
    return (
      <Box height={height}>
        <Text color={theme.muted}>No processes yet. Start a script from the Scripts view (1).</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <ProcessHeader columns={columns} theme={theme} />
      {processes.slice(start, end).map((p, i) => (
        <ProcessRow
          key={p.id}
          process={p}
          selected={start + i === cursor.index && isActive}
          now={now}
          theme={theme}
          columns={columns}
          startedBy={activity?.startedBy(p.id)}
        />
      ))}
    </Box>
  );
}
