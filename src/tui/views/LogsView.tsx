import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import { LogRow } from '../components/LogRow.js';
import { TextPrompt } from '../components/TextPrompt.js';
import { useTui } from '../context.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useLogSearch } from '../hooks/use-log-search.js';
import type { LogSearchState } from '../hooks/use-log-search.js';
import { useLogTail } from '../hooks/use-log-tail.js';
import { useProcessList } from '../hooks/use-process-list.js';
import { LOG_KEYS, PROMPT_KEYS } from '../keys.js';

export interface LogsViewProps {
  readonly isActive: boolean;
  readonly height: number;
  readonly width: number;
  /** The process shown, or undefined for all. Owned by the App so other views can jump here. */
  readonly processId: string | undefined;
  readonly onSelectProcess: (processId: string | undefined) => void;
}

/** Search prompt history kept per session. */
const MAX_HISTORY = 50;

/** `"needle": 3/12`, `"needle": 12/1000+`, `"needle": no matches`, or nothing without a search. */
function searchStatus({ query, matches, index, hasMore, message }: LogSearchState): string | undefined {
  if (!query) return undefined;
  // A failed search (invalid pattern) explains itself in `message`.
  if (matches.length === 0) return message ? `"${query}"` : `"${query}": no matches`;
  return `"${query}": ${index + 1}/${matches.length}${hasMore ? '+' : ''}`;
}

/** Logs of one process or all, virtualised, with follow, search and an errors/warnings filter. */
export function LogsView({ isActive, height, width, processId, onSelectProcess }: LogsViewProps) {
  const { engine, store, theme } = useTui();
  const { processes } = useProcessList(store);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [searching, setSearching] = useState(false);
  const [draft, setDraft] = useState('');
  // Submitted queries, newest last; ↑/↓ in the prompt walk them (`at` = history.length: a new query).
  const [history, setHistory] = useState<readonly string[]>([]);
  const [at, setAt] = useState(0);
  const scope = useMemo(() => ({ processId, problemsOnly }), [processId, problemsOnly]);
  const bodyHeight = Math.max(1, height - 1);
  const tail = useLogTail(engine, store, scope, bodyHeight);
  const search = useLogSearch(engine);
  const names = useMemo(() => new Map(processes.map((p) => [p.id, p.name])), [processes]);
  const current = search.state.matches[search.state.index];

  const cycle = (delta: number): void => {
    const ids = [undefined, ...processes.map((p) => p.id)];
    const at = ids.indexOf(processId);
    onSelectProcess(ids[(at + delta + ids.length) % ids.length]);
  };
  const go = (seq: number | undefined): void => {
    if (seq !== undefined) tail.reveal(seq);
  };

  useKeyHints(searching ? PROMPT_KEYS : LOG_KEYS, isActive);
  useKeymap(
    LOG_KEYS,
    {
      'line-up': () => tail.scroll(-1),
      'line-down': () => tail.scroll(1),
      'page-up': () => tail.scroll(-(bodyHeight - 1)),
      'page-down': () => tail.scroll(bodyHeight - 1),
      top: tail.toTop,
      bottom: tail.toBottom,
      search: () => {
        // A new search starts empty (typing must not append to the last query); ↑ recalls it.
        setDraft('');
        setAt(history.length);
        setSearching(true);
      },
      'next-match': () => go(search.step(1)),
      'prev-match': () => go(search.step(-1)),
      levels: () => setProblemsOnly((v) => !v),
      'next-process': () => cycle(1),
      'prev-process': () => cycle(-1),
      'all-processes': () => onSelectProcess(undefined),
      clear: search.clear,
    },
    { isActive: isActive && !searching },
  );

  const labelWidth = Math.min(14, Math.max(4, ...processes.map((p) => p.name.length)));
  const title = processId === undefined ? 'all processes' : (names.get(processId) ?? processId);
  const status = [
    tail.following ? 'following' : 'paused (End to follow)',
    problemsOnly ? 'errors+warnings only' : undefined,
    searchStatus(search.state),
    search.state.message,
  ].filter(Boolean);

  return (
    // Only vertical clipping: every row is already cut to the width (LogRow), and a horizontal clip
    // makes Ink re-slice every row of every frame (slice-ansi, ~20% of a frame's cost in a flood).
    <Box flexDirection="column" height={height} overflowY="hidden">
      {searching ? (
        <TextPrompt
          label="search> "
          value={draft}
          onChange={setDraft}
          isActive={isActive}
          onArrow={(delta) => {
            const next = Math.max(0, Math.min(history.length, at + delta));
            setAt(next);
            setDraft(history[next] ?? '');
          }}
          onCancel={() => setSearching(false)}
          onSubmit={(value) => {
            setSearching(false);
            if (value.trim() !== '') {
              setHistory((h) => [...h.filter((q) => q !== value), value].slice(-MAX_HISTORY));
            }
            void search.run(value, scope).then(go);
          }}
        />
      ) : (
        <Text wrap="truncate-end">
          <Text bold color={theme.accent}>
            {title}
          </Text>
          <Text color={theme.muted}> · {status.join(' · ')}</Text>
        </Text>
      )}
      {tail.lines.length === 0 ? (
        <Text color={theme.muted}>{problemsOnly ? 'No error or warning lines.' : 'No output yet.'}</Text>
      ) : null}
      {tail.lines.map((line, row) => (
        <LogRow
          // Keyed by screen row, not by line: while following, every frame shows new lines, and keys by
          // seq made React unmount and mount every row (Ink nodes and Yoga nodes freed and rebuilt)
          // where updating the text of the same rows does.
          key={row}
          line={line}
          label={processId === undefined ? (names.get(line.processId) ?? line.processId) : undefined}
          labelWidth={labelWidth}
          width={width}
          highlighted={line.seq === current}
          theme={theme}
        />
      ))}
    </Box>
  );
}
