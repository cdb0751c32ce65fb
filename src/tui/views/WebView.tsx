import { Box, Text } from 'ink';
import { useMemo, useState } from 'react';
import type { ProxyRequestRecord } from '../../core/browser/types.js';
import { RequestDetail } from '../components/RequestDetail.js';
import { RequestRow } from '../components/RequestRow.js';
import { TabList } from '../components/TabList.js';
import { useTui } from '../context.js';
import { useBrowserActions } from '../hooks/use-browser-actions.js';
import { useBrowserRequests } from '../hooks/use-browser-requests.js';
import { useKeyHints } from '../hooks/use-key-hints.js';
import { useKeymap } from '../hooks/use-keymap.js';
import { useLaunchers } from '../hooks/use-launchers.js';
import { useKeyedCursor, visibleWindow } from '../hooks/use-list-cursor.js';
import { useProcessList } from '../hooks/use-process-list.js';
import { WEB_DETAIL_KEYS, WEB_KEYS } from '../keys.js';

export interface WebViewProps {
  readonly isActive: boolean;
  readonly height: number;
  readonly width: number;
}

const requestKey = (r: ProxyRequestRecord): string => String(r.seq);

/**
 * What the browser asked the dev servers through brum's proxies, newest first: method, status
 * (coloured), duration, size, path. `e` keeps only failures; Enter shows one request in full; `o`
 * opens the selected URL in the browser, `s` screenshots it (brum's managed browser), `t` lists tabs.
 */
export function WebView({ isActive, height, width }: WebViewProps) {
  const { engine, store, theme } = useTui();
  const [errorsOnly, setErrorsOnly] = useState(false);
  const { requests, proxies } = useBrowserRequests(engine.browser, errorsOnly, store);
  const { processes } = useProcessList(store);
  const names = useMemo(() => new Map(processes.map((p) => [p.id, p.name])), [processes]);
  const cursor = useKeyedCursor(requests, requestKey);
  const [detailSeq, setDetailSeq] = useState<number | undefined>();
  const launch = useLaunchers();

  const selected = requests[cursor.index];
  const detail = detailSeq === undefined ? undefined : requests.find((r) => r.seq === detailSeq);
  const target = detail ?? selected;
  const proxyOf = (r: ProxyRequestRecord): string | undefined =>
    proxies.find((p) => p.processId === r.processId && p.proxyUrl !== undefined)?.proxyUrl;
  const urlOf = (r: ProxyRequestRecord): string => {
    const base = proxyOf(r);
    return base ? new URL(r.url, base).href : r.url;
  };
  const copy = (): void => {
    if (!target) return;
    const url = urlOf(target);
    launch.copy(url, url);
  };
  const browser = useBrowserActions(engine.browser);
  const [showTabs, setShowTabs] = useState(false);
  useKeyHints(detail ? WEB_DETAIL_KEYS : WEB_KEYS, isActive);
  useKeymap(
    WEB_KEYS,
    {
      up: () => cursor.move(-1),
      down: () => cursor.move(1),
      detail: () => selected && setDetailSeq(selected.seq),
      errors: () => setErrorsOnly((e) => !e),
      copy,
      open: () => selected && launch.openUrl(urlOf(selected)),
      screenshot: () => selected && browser.screenshot(urlOf(selected)),
      tabs: () => setShowTabs((shown) => !shown),
    },
    { isActive: isActive && !detail },
  );
  useKeymap(
    WEB_DETAIL_KEYS,
    { back: () => setDetailSeq(undefined), copy },
    { isActive: isActive && !!detail },
  );

  if (showTabs && !detail) return <TabList tabs={browser.tabs} theme={theme} height={height} />;
  if (detail) {
    return (
      <Box flexDirection="column" height={height} overflow="hidden">
        <RequestDetail
          request={detail}
          processName={names.get(detail.processId) ?? detail.processId}
          proxyUrl={proxyOf(detail)}
          theme={theme}
          width={width}
        />
      </Box>
    );
  }
  const listed = proxies.filter((p) => p.status !== 'closed');
  const headRows = Math.max(1, listed.length) + 1;
  const { start, end } = visibleWindow(requests.length, cursor.index, Math.max(1, height - headRows));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      {listed.length === 0 ? (
        <Text color={theme.muted}>
          No proxies yet: brum puts one in front of each dev server once it prints its local URL.
        </Text>
      ) : (
        listed.map((p) => (
          <Text key={p.target} wrap="truncate-end">
            <Text color={theme.label(names.get(p.processId) ?? p.processId)}>
              {names.get(p.processId) ?? p.processId}
            </Text>{' '}
            <Text color={theme.muted}>{p.target} →</Text>{' '}
            {p.proxyUrl ? (
              <Text color={theme.link}>{p.proxyUrl}</Text>
            ) : (
              <Text color={p.status === 'failed' ? theme.error : theme.muted}>
                {p.status}
                {p.error ? `: ${p.error}` : ''}
              </Text>
            )}
          </Text>
        ))
      )}
      <Text color={theme.muted}>
        {errorsOnly ? 'failed requests only (e: all)' : `${requests.length} request(s), newest first`}
      </Text>
      {requests.length === 0 ? (
        <Text color={theme.muted}>
          {errorsOnly ? 'No failed requests.' : 'No requests yet: open a proxied URL in your browser.'}
        </Text>
      ) : (
        requests
          .slice(start, end)
          .map((r, i) => (
            <RequestRow
              key={r.seq}
              request={r}
              processName={names.get(r.processId) ?? r.processId}
              selected={start + i === cursor.index}
              active={isActive}
              theme={theme}
            />
          ))
      )}
    </Box>
  );
}
