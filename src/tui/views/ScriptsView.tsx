import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { TextPrompt } from '../components/TextPrompt.js';
import { useTui } from '../context.js';
import { useAction } from '../hooks/use-action.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useKeyedCursor, visibleWindow } from '../hooks/use-list-cursor.js';
import { useProcessList } from '../hooks/use-process-list.js';
import { PROMPT_KEYS, SCRIPT_KEYS } from '../keys.js';
import { matchesFilter } from '../lib/filter.js';
import { cell, fit, statusLabel } from '../lib/format.js';

export interface ScriptsViewProps {
  readonly isActive: boolean;
  readonly height: number;
  readonly width: number;
}

type Mode = 'list' | 'filter' | 'command';

const scriptKey = (s: { readonly name: string }): string => s.name;

// `✔ succeeded`, the longest status word, plus a gap.
const STATUS_WIDTH = 13;

/** All runnable scripts (workspaces too); `/` filters as you type, Enter starts, `n` runs a command. */
export function ScriptsView({ isActive, height, width }: ScriptsViewProps) {
  const { engine, store, theme, notify } = useTui();
  const act = useAction();
  const { processes } = useProcessList(store);
  const [mode, setMode] = useState<Mode>('list');
  const [filter, setFilter] = useState('');
  const [command, setCommand] = useState('');
  const scripts = useMemo(() => engine.listScripts(), [engine]);
  const shown = useMemo(
    () => scripts.filter((s) => matchesFilter(filter, s.name, s.command, s.workspace)),
    [scripts, filter],
  );
  const cursor = useKeyedCursor(shown, scriptKey);
  const latest = useMemo(() => new Map(processes.map((p) => [p.name, p])), [processes]);

  const start = (): void => {
    const script = shown[cursor.index];
    if (!script) return;
    act(`start ${script.name}`, () => {
      const result = engine.start(script.name);
      notify(
        result.duplicate
          ? `${script.name} is already running (${result.process.id})`
          : `started ${result.process.id}`,
      );
    });
  };

  useKeyHints(mode === 'list' ? SCRIPT_KEYS : PROMPT_KEYS, isActive);
  useKeymap(
    SCRIPT_KEYS,
    {
      up: () => cursor.move(-1),
      down: () => cursor.move(1),
      start,
      filter: () => {
        // A new `/` starts a new filter, as search does in less or vim.
        setFilter('');
        setMode('filter');
      },
      command: () => setMode('command'),
    },
    { isActive: isActive && mode === 'list' },
  );

  const nameWidth = Math.min(28, Math.max(8, ...shown.map((s) => s.name.length))) + 2;
  const listHeight = Math.max(1, height - 2);
  const { start: first, end } = visibleWindow(shown.length, cursor.index, listHeight);

  return (
    <Box flexDirection="column" height={height}>
      {mode === 'command' ? (
        <TextPrompt
          label="command> "
          value={command}
          onChange={setCommand}
          isActive={isActive}
          onCancel={() => setMode('list')}
          onSubmit={(value) => {
            setMode('list');
            setCommand('');
            if (value.trim() === '') return;
            act('run command', () => {
              const { process, duplicate } = engine.startCommand(value.trim());
              notify(duplicate ? `already running as ${process.id}` : `started ${process.id}`);
            });
          }}
        />
      ) : mode === 'filter' ? (
        <TextPrompt
          label="filter> "
          value={filter}
          onChange={setFilter}
          isActive={isActive}
          onArrow={cursor.move}
          onCancel={() => {
            setMode('list');
            setFilter('');
          }}
          onSubmit={() => {
            setMode('list');
            start();
            setFilter('');
          }}
        />
      ) : (
        <Text color={theme.muted} wrap="truncate-end">
          / to filter, n to run a command
        </Text>
      )}
      <Text color={theme.muted} wrap="truncate-end">
        {shown.length} of {scripts.length} scripts
      </Text>
      {shown.length === 0 ? <Text color={theme.muted}>No script matches.</Text> : null}
      {shown.slice(first, end).map((s, i) => {
        const selected = first + i === cursor.index;
        const run = latest.get(s.name);
        const status = run ? statusLabel(run) : undefined;
        return (
          <Text key={s.name} wrap="truncate-end" inverse={selected && isActive}>
            {selected ? '› ' : '  '}
            <Text bold>{cell(s.name, nameWidth)}</Text>
            <Text color={run ? theme.status(run.status, run.ready) : theme.muted}>
              {cell(status ? `${status.icon} ${status.word}` : '', STATUS_WIDTH)}
            </Text>
            <Text color={theme.muted}>
              {fit(s.command, Math.max(0, width - 2 - nameWidth - STATUS_WIDTH))}
            </Text>
          </Text>
        );
      })}
    </Box>
  );
}
