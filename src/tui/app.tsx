import { Box, Text, useInput, useStdin } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { useOpenTabs } from './hooks/use-open-tabs.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { TuiContext } from './context.js';
import type { ClientTarget, McpEndpointInfo, NoticeLevel, TuiContextValue, TuiEngine } from './context.js';
import { KeyRouterContext, KeyTick, useKeymapOn } from './hooks/use-keymap.js';
import { useProcessList } from './hooks/use-process-list.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { GLOBAL_KEYS, VIEWS } from './keys.js';
import type { KeyBinding, ViewId } from './keys.js';
import { KeyRouter } from './lib/key-router.js';
import { realSystem, type TuiSystem } from './lib/system.js';
import type { EngineStore } from './store/engine-store.js';
import type { Theme } from './theme.js';
import { ErrorsView } from './views/ErrorsView.js';
import { LogsView } from './views/LogsView.js';
import { ProcessesView } from './views/ProcessesView.js';
import { ScriptsView } from './views/ScriptsView.js';
import { SettingsView } from './views/SettingsView.js';
import { UrlsView } from './views/UrlsView.js';
import { AgentView } from './views/AgentView.js';
import { useAgentIndicator } from './hooks/use-agent-indicator.js';
import type { ActivityView } from '../core/activity/types.js';
import { WebView } from './views/WebView.js';

export interface AppProps {
  readonly engine: TuiEngine;
  readonly store: EngineStore;
  readonly theme: Theme;
  readonly projectName: string;
  readonly mcp?: McpEndpointInfo;
  /** MCP clients Settings can write a configuration for (from the composition root). */
  readonly clientTargets?: readonly ClientTarget[];
  /** Environment, clipboard and spawning; the real machine by default (tests record instead). */
  readonly system?: TuiSystem;
  /** What MCP clients do (the Agent view); absent when MCP is off. */
  readonly activity?: ActivityView;
  /** Called once when the user quits; the App shows "stopping…" until the caller unmounts it. */
  readonly onQuit: () => void;
  readonly initialView?: ViewId;
  /** A first status-line message (e.g. a script that failed to start). */
  readonly initialNotice?: string;
  /** Overrides the terminal size (tests). */
  readonly size?: { readonly columns: number; readonly rows: number };
  /** How long notices stay up, overriding the defaults (tests). */
  readonly noticeMs?: number;
  /** Where user-wide client config files live (tests). */
  readonly homeDir?: string;
}

const NO_CLIENT_TARGETS: readonly ClientTarget[] = [];

// Header (2) + status line (1) + footer (1) + one spare row so Ink never fills the screen and falls
// back to clearing it on every frame.
const CHROME_ROWS = 5;

/** How long a status-line notice stays up; errors longer, so they can be read. */
const NOTICE_MS: Record<NoticeLevel, number> = { info: 5000, error: 15_000 };

/** The root container: view switching, header, footer, help overlay, notices and quitting. */
export function App(props: AppProps) {
  const { engine, store, theme, projectName, mcp, onQuit, activity } = props;
  const clientTargets = props.clientTargets ?? NO_CLIENT_TARGETS;
  const system = props.system ?? realSystem;
  const agentHeader = useAgentIndicator(activity, store);
  const measured = useTerminalSize();
  const { columns, rows } = props.size ?? measured;
  const [view, setView] = useState<ViewId>(props.initialView ?? 'scripts');
  const [help, setHelp] = useState(false);
  const [capture, setCapture] = useState(false);
  const [notice, setNotice] = useState<{ text: string; level: NoticeLevel } | undefined>(
    props.initialNotice ? { text: props.initialNotice, level: 'error' } : undefined,
  );
  const [hints, setHints] = useState<readonly KeyBinding[]>([]);
  const [logProcess, setLogProcess] = useState<string | undefined>();
  const [quitting, setQuitting] = useState(false);
  const quitRequested = useRef(false);
  const { runningCount, errorCount } = useProcessList(store);
  const openTabs = useOpenTabs(engine.browser);
  const [router] = useState(() => new KeyRouter());

  const notify = useCallback((text: string, level: NoticeLevel = 'info') => setNotice({ text, level }), []);
  // A notice describes one action; left up, it reads as the state of whatever view is shown later.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(undefined), props.noticeMs ?? NOTICE_MS[notice.level]);
    return () => clearTimeout(timer);
  }, [notice, props.noticeMs]);
  const setKeyHints = useCallback((b: readonly KeyBinding[]) => setHints(b), []);
  const context = useMemo<TuiContextValue>(
    () => ({
      engine,
      store,
      theme,
      notify,
      setKeyHints,
      setCapture,
      mcp,
      clientTargets,
      projectName,
      system,
      activity,
    }),
    [engine, store, theme, notify, setKeyHints, mcp, clientTargets, projectName, system, activity],
  );

  const quit = useCallback(() => {
    if (quitRequested.current) return;
    quitRequested.current = true;
    setQuitting(true);
    onQuit();
  }, [onQuit]);

  const step = (delta: number): void => {
    const at = VIEWS.findIndex((v) => v.id === view);
    setView(VIEWS[(at + delta + VIEWS.length) % VIEWS.length]!.id);
    setHelp(false);
  };
  // Ctrl+C always quits, even while a prompt owns the keyboard.
  useInput((input, key) => key.ctrl && input === 'c' && quit(), { isActive: !quitting });
  // Every other key goes through the router, one key at a time (see lib/key-router.ts).
  // Ink's parsed `input` of a chunk of several plain keys is lossy, so the raw text of the same event is
  // taken from Ink's input emitter too; that listener is added once, before `useInput`'s (which
  // re-subscribes on every render and so always comes after it).
  const { internal_eventEmitter: inputEvents } = useStdin();
  const rawInput = useRef<string | undefined>(undefined);
  useEffect(() => {
    const onRaw = (raw: string): void => {
      rawInput.current = raw;
    };
    inputEvents.on('input', onRaw);
    return () => {
      inputEvents.off('input', onRaw);
    };
  }, [inputEvents]);
  useInput(
    (input, key) => {
      router.push(rawInput.current ?? input, input, key);
      rawInput.current = undefined;
    },
    { isActive: !quitting },
  );
  useKeymapOn(
    router,
    GLOBAL_KEYS,
    {
      'next-view': () => step(1),
      'prev-view': () => step(-1),
      'jump-view': (input) => {
        setView(VIEWS.find((v) => v.key === input)?.id ?? view);
        setHelp(false);
      },
      help: () => setHelp((h) => !h),
      quit,
    },
    { isActive: !capture && !quitting, fallback: (_input, key) => help && key.escape && setHelp(false) },
  );

  const bodyHeight = Math.max(3, rows - CHROME_ROWS);
  const active = (id: ViewId): boolean => view === id && !help && !quitting;
  const title = VIEWS.find((v) => v.id === view)?.title ?? view;

  return (
    <KeyRouterContext.Provider value={router}>
      <TuiContext.Provider value={context}>
        <KeyTick router={router} />
        <Box flexDirection="column" width={columns} height={rows - 1}>
          <Header
            projectName={projectName}
            view={view}
            runningCount={runningCount}
            errorCount={errorCount}
            openTabs={openTabs}
            theme={theme}
            width={columns}
            agent={agentHeader}
          />
          <Box height={bodyHeight} flexDirection="column" overflow="hidden">
            {quitting ? (
              <Text bold color={theme.warning}>
                {runningCount > 0
                  ? `Stopping ${runningCount} process${runningCount === 1 ? '' : 'es'}…`
                  : 'Stopping: waiting for the last child processes to exit…'}
              </Text>
            ) : null}
            {help && !quitting ? (
              <HelpOverlay
                title={title}
                viewBindings={hints}
                globalBindings={GLOBAL_KEYS}
                theme={theme}
                height={bodyHeight}
              />
            ) : null}
            {/* Views stay mounted (keeping their state) but only the active one is drawn and gets keys. */}
            <Box display={active('scripts') ? 'flex' : 'none'}>
              <ScriptsView isActive={active('scripts')} height={bodyHeight} width={columns} />
            </Box>
            <Box display={active('processes') ? 'flex' : 'none'}>
              <ProcessesView
                isActive={active('processes')}
                height={bodyHeight}
                onShowLogs={(id) => {
                  setLogProcess(id);
                  setView('logs');
                }}
              />
            </Box>
            <Box display={active('logs') ? 'flex' : 'none'}>
              <LogsView
                isActive={active('logs')}
                height={bodyHeight}
                width={columns}
                processId={logProcess}
                onSelectProcess={setLogProcess}
              />
            </Box>
            <Box display={active('errors') ? 'flex' : 'none'}>
              <ErrorsView isActive={active('errors')} height={bodyHeight} width={columns} />
            </Box>
            <Box display={active('urls') ? 'flex' : 'none'}>
              <UrlsView isActive={active('urls')} height={bodyHeight} />
            </Box>
            <Box display={active('web') ? 'flex' : 'none'}>
              <WebView isActive={active('web')} height={bodyHeight} width={columns} />
            </Box>
            <Box display={active('settings') ? 'flex' : 'none'}>
              <SettingsView isActive={active('settings')} height={bodyHeight} homeDir={props.homeDir} />
            </Box>
            <Box display={active('agent') ? 'flex' : 'none'}>
              <AgentView isActive={active('agent')} height={bodyHeight} />
            </Box>
          </Box>
          <Text wrap="truncate-end" color={notice?.level === 'error' ? theme.error : theme.muted}>
            {notice?.text ?? ' '}
          </Text>
          {/* While stopping no key but Ctrl+C does anything; don't advertise any. */}
          <Footer bindings={quitting ? [] : capture ? hints : [...hints, ...GLOBAL_KEYS]} theme={theme} />
        </Box>
      </TuiContext.Provider>
    </KeyRouterContext.Provider>
  );
}
