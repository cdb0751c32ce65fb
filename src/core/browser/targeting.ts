/**
 * Which tab a page-level tool acts on (issue 14). `tab` given: that tab, or an error listing the
 * tabs. Left out: the only connected tab; with several, tools that only read take the most recently
 * active one, while tools that act refuse to guess and list the candidates.
 */
import type { TabSession } from './types.js';

export type TargetMode = 'read' | 'act';

export type TabChoice =
  | { readonly ok: true; readonly session: TabSession; readonly chosen: 'named' | 'only' | 'most-recent' }
  | { readonly ok: false; readonly reason: 'unknown' | 'ambiguous' | 'none'; readonly message: string };

/** One line per tab: `id  url  "title"` (bounded). */
export function describeTabs(sessions: readonly TabSession[], limit = 20): string {
  const lines = sessions
    .slice(0, limit)
    .map(
      (s) =>
        `  ${s.tab}  ${s.url}${s.title ? `  "${s.title.slice(0, 80)}"` : ''}${s.connected ? '' : '  (disconnected)'}${s.managed ? '  (managed)' : ''}`,
    );
  if (sessions.length > limit) lines.push(`  … ${sessions.length - limit} more`);
  return lines.join('\n');
}

export function chooseTab(
  sessions: readonly TabSession[],
  tab: string | undefined,
  mode: TargetMode,
): TabChoice {
  if (tab !== undefined) {
    const session = sessions.find((s) => s.tab === tab);
    if (session) return { ok: true, session, chosen: 'named' };
    return {
      ok: false,
      reason: 'unknown',
      message:
        sessions.length === 0
          ? `no tab "${tab}": no browser tab is connected (open the proxied URL, or use browser_open)`
          : `no tab "${tab}"; the tabs are:\n${describeTabs(sessions)}`,
    };
  }
  const connected = sessions.filter((s) => s.connected);
  if (connected.length === 0) {
    return {
      ok: false,
      reason: 'none',
      message: 'no browser tab is connected (open the proxied URL, or use browser_open)',
    };
  }
  if (connected.length === 1) return { ok: true, session: connected[0]!, chosen: 'only' };
  if (mode === 'read') {
    const recent = connected.reduce((a, b) => (b.lastSeen > a.lastSeen ? b : a));
    return { ok: true, session: recent, chosen: 'most-recent' };
  }
  return {
    ok: false,
    reason: 'ambiguous',
    message: `${connected.length} tabs are connected; pass tab (one of the ids below) to say which one to act on:\n${describeTabs(connected)}`,
  };
}
