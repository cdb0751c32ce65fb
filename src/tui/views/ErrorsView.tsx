import { Box } from 'ink';
import { useMemo, useState } from 'react';
import { ErrorDetail, errorDetailRows } from '../components/ErrorDetail.js';
import { ErrorList } from '../components/ErrorList.js';
import { useTui } from '../context.js';
import { useErrors } from '../hooks/use-errors.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useLaunchers } from '../hooks/use-launchers.js';
import { useKeyedCursor } from '../hooks/use-list-cursor.js';
import { useNow } from '../hooks/use-now.js';
import { useProcessList } from '../hooks/use-process-list.js';
import { ERROR_DETAIL_KEYS, ERROR_KEYS } from '../keys.js';
import { errorToText } from '../lib/error-text.js';

export interface ErrorsViewProps {
  readonly isActive: boolean;
  readonly height: number;
  readonly width: number;
}

const MAX_RAW_LINES = 200;
const errorKey = (e: { readonly id: string }): string => e.id;

/** Detected errors and warnings; Enter shows one in full with the raw lines it came from. */
export function ErrorsView({ isActive, height, width }: ErrorsViewProps) {
  const { engine, store, theme } = useTui();
  const errors = useErrors(engine, store);
  const { processes } = useProcessList(store);
  // Errors arrive and resolve while the list is open: the selection follows the error, not the row.
  const cursor = useKeyedCursor(errors, errorKey);
  const [detailId, setDetailId] = useState<string | undefined>();
  const [scroll, setScroll] = useState(0);
  const now = useNow(1000, isActive);
  const launch = useLaunchers();
  const names = useMemo(() => new Map(processes.map((p) => [p.id, p.name])), [processes]);

  const selected = errors[cursor.index];
  const detail = detailId === undefined ? undefined : errors.find((e) => e.id === detailId);
  const target = detail ?? selected;
  const rawLines = useMemo(() => {
    if (!detail) return [];
    const count = Math.min(MAX_RAW_LINES, detail.seqEnd - detail.seqStart + 1);
    const page = engine.readLogs({
      processId: detail.processId,
      since: detail.seqStart - 1,
      limit: Math.max(1, count),
    });
    return page.lines.filter((l) => l.seq <= detail.seqEnd);
  }, [engine, detail]);

  const shared = {
    copy: () => target && launch.copy(errorToText(target), 'error'),
    // Records name files relative to the project root (or absolute).
    open: () => target && launch.openError(target, engine.projectDir),
  };
  const inDetail = detail !== undefined;
  const maxScroll = detail ? Math.max(0, errorDetailRows(detail, rawLines.length) - height) : 0;
  useKeyHints(inDetail ? ERROR_DETAIL_KEYS : ERROR_KEYS, isActive);
  useKeymap(
    ERROR_KEYS,
    {
      up: () => cursor.move(-1),
      down: () => cursor.move(1),
      detail: () => {
        if (!selected) return;
        setScroll(0);
        setDetailId(selected.id);
      },
      ...shared,
    },
    { isActive: isActive && !inDetail },
  );
  useKeymap(
    ERROR_DETAIL_KEYS,
    {
      back: () => setDetailId(undefined),
      'scroll-up': () => setScroll((s) => Math.max(0, Math.min(maxScroll, s) - 1)),
      'scroll-down': () => setScroll((s) => Math.min(maxScroll, s + 1)),
      ...shared,
    },
    { isActive: isActive && inDetail },
  );

  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {detail ? (
        <ErrorDetail
          error={detail}
          rawLines={rawLines}
          processName={names.get(detail.processId) ?? detail.processId}
          scroll={scroll}
          height={height}
          width={width}
          now={now}
          theme={theme}
          baseDir={engine.projectDir}
        />
      ) : (
        <ErrorList
          errors={errors}
          selected={cursor.index}
          processNames={names}
          now={now}
          height={height}
          theme={theme}
          active={isActive}
          baseDir={engine.projectDir}
        />
      )}
    </Box>
  );
}
