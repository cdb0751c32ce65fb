/**
 * Every key binding of the TUI, as data. Dispatch (`use-keymap.ts`), the footer and the `?` help overlay
 * are all generated from these tables, so what the help says is what the keys do.
 */
import type { Key } from 'ink';

export type ViewId = 'scripts' | 'processes' | 'logs' | 'errors' | 'urls' | 'web' | 'settings' | 'agent';

/** Views in Tab order, each with its number key (the numbers follow the Tab order). */
export const VIEWS: readonly { readonly id: ViewId; readonly title: string; readonly key: string }[] = [
  { id: 'scripts', title: 'Scripts', key: '1' },
  { id: 'processes', title: 'Processes', key: '2' },
  { id: 'logs', title: 'Logs', key: '3' },
  { id: 'errors', title: 'Errors', key: '4' },
  { id: 'urls', title: 'URLs', key: '5' },
  { id: 'web', title: 'Web', key: '6' },
  { id: 'settings', title: 'Settings', key: '7' },
  { id: 'agent', title: 'Agent', key: '8' },
];

export type KeyMatcher = (input: string, key: Key) => boolean;

export interface KeyBinding {
  readonly action: string;
  /** How the key is written in the footer and help, e.g. `Ctrl+R`. */
  readonly keys: string;
  readonly description: string;
  /** Short label for the one-line footer; bindings without one appear only in the `?` help. */
  readonly footer?: string;
  readonly match: KeyMatcher;
}

const ch =
  (c: string): KeyMatcher =>
  (input, key) =>
    input === c && !key.ctrl && !key.meta;
const ctrl =
  (c: string): KeyMatcher =>
  (input, key) =>
    key.ctrl && input === c;
const any =
  (...matchers: KeyMatcher[]): KeyMatcher =>
  (input, key) =>
    matchers.some((m) => m(input, key));
const up: KeyMatcher = (_i, k) => k.upArrow;
const down: KeyMatcher = (_i, k) => k.downArrow;
const enter: KeyMatcher = (_i, k) => k.return;
const escape: KeyMatcher = (_i, k) => k.escape;
const upOrK = any(up, ch('k'));
const downOrJ = any(down, ch('j'));
const nav = [
  { action: 'up', keys: '↑/k', description: 'move up', match: upOrK },
  { action: 'down', keys: '↓/j', description: 'move down', match: downOrJ },
] as const satisfies readonly KeyBinding[];

/* Bindings several views share, each with the view's own description. */

/** Enter opens the selected row's details. */
const details = (description: string) =>
  ({ action: 'detail', keys: 'Enter', description, footer: 'details', match: enter }) as const;
/** Esc (or h) leaves a detail view. */
const back = (description: string) =>
  ({ action: 'back', keys: 'Esc', description, footer: 'back', match: any(escape, ch('h')) }) as const;
/** c copies what is selected. */
const copy = (description: string) =>
  ({ action: 'copy', keys: 'c', description, footer: 'copy', match: ch('c') }) as const;
/** Scrolling a detail view line by line. */
const scrollUp = { action: 'scroll-up', keys: '↑/k', description: 'scroll up', match: upOrK } as const;
const scrollDown = {
  action: 'scroll-down',
  keys: '↓/j',
  description: 'scroll down',
  match: downOrJ,
} as const;

export const GLOBAL_KEYS = [
  { action: 'next-view', keys: 'Tab', description: 'next view', match: (_i, k) => k.tab && !k.shift },
  {
    action: 'prev-view',
    keys: 'Shift+Tab',
    description: 'previous view',
    match: (_i, k) => k.tab && k.shift,
  },
  {
    action: 'jump-view',
    keys: '1–8',
    description: 'jump to a view',
    match: (i, k) => !k.ctrl && !k.meta && VIEWS.some((v) => v.key === i),
  },
  { action: 'help', keys: '?', description: 'show/hide keys', footer: 'help', match: ch('?') },
  { action: 'quit', keys: 'q', description: 'stop everything and quit', footer: 'quit', match: ch('q') },
] as const satisfies readonly KeyBinding[];

export const SCRIPT_KEYS = [
  ...nav,
  { action: 'start', keys: 'Enter', description: 'start the script', footer: 'start', match: enter },
  {
    action: 'filter',
    keys: '/',
    description: 'filter as you type (↑/↓ choose, Enter start, Esc cancel)',
    footer: 'filter',
    match: ch('/'),
  },
  { action: 'command', keys: 'n', description: 'run an ad-hoc command', footer: 'command', match: ch('n') },
] as const satisfies readonly KeyBinding[];

export const PROCESS_KEYS = [
  ...nav,
  { action: 'logs', keys: 'Enter', description: 'show its logs', footer: 'logs', match: enter },
  { action: 'stop', keys: 's', description: 'stop (whole process group)', footer: 'stop', match: ch('s') },
  { action: 'restart', keys: 'r', description: 'restart', footer: 'restart', match: ch('r') },
  {
    action: 'restart-all',
    keys: 'Ctrl+R',
    description: 'restart all',
    footer: 'restart all',
    match: ctrl('r'),
  },
] as const satisfies readonly KeyBinding[];

export const LOG_KEYS = [
  {
    action: 'line-up',
    keys: '↑/k',
    description: 'scroll up a line (pauses follow)',
    match: upOrK,
  },
  { action: 'line-down', keys: '↓/j', description: 'scroll down a line', match: downOrJ },
  { action: 'page-up', keys: 'PgUp', description: 'page up', footer: 'scroll', match: (_i, k) => k.pageUp },
  { action: 'page-down', keys: 'PgDn', description: 'page down', match: (_i, k) => k.pageDown },
  { action: 'top', keys: 'Home/g', description: 'oldest kept line', match: any((_i, k) => k.home, ch('g')) },
  {
    action: 'bottom',
    keys: 'End/G',
    description: 'newest line, follow',
    footer: 'follow',
    match: any((_i, k) => k.end, ch('G')),
  },
  { action: 'search', keys: '/', description: 'search', footer: 'search', match: ch('/') },
  { action: 'next-match', keys: 'n', description: 'next (newer) match', match: ch('n') },
  { action: 'prev-match', keys: 'N', description: 'previous (older) match', match: ch('N') },
  {
    action: 'levels',
    keys: 'e',
    description: 'errors and warnings only',
    footer: 'problems',
    match: ch('e'),
  },
  { action: 'next-process', keys: ']', description: 'next process', footer: 'process', match: ch(']') },
  { action: 'prev-process', keys: '[', description: 'previous process', match: ch('[') },
  { action: 'all-processes', keys: 'a', description: 'all processes', match: ch('a') },
  { action: 'clear', keys: 'Esc', description: 'clear search', match: escape },
] as const satisfies readonly KeyBinding[];

/** What the Errors view does with an error, in the list and in its details alike. */
const ERROR_ACTIONS = [
  copy('copy error'),
  { action: 'open', keys: 'o', description: 'open file:line in $EDITOR', footer: 'open', match: ch('o') },
] as const satisfies readonly KeyBinding[];

export const ERROR_KEYS = [
  ...nav,
  details('details'),
  ...ERROR_ACTIONS,
] as const satisfies readonly KeyBinding[];

export const ERROR_DETAIL_KEYS = [
  back('back to the list'),
  ...ERROR_ACTIONS,
  scrollUp,
  scrollDown,
] as const satisfies readonly KeyBinding[];

/**
 * Acting through brum's managed browser (issue 14). Bound where a URL is selected: the URLs view and
 * the Web view (the selected request's URL).
 */
export const BROWSER_KEYS = [
  {
    action: 'screenshot',
    keys: 's',
    description: "screenshot the selected URL in brum's headless browser (saved under .brum/artifacts/)",
    footer: 'screenshot',
    match: ch('s'),
  },
  {
    action: 'tabs',
    keys: 't',
    description: 'show/hide the browser tabs brum sees (page client connected)',
    footer: 'tabs',
    match: ch('t'),
  },
] as const satisfies readonly KeyBinding[];

export const URL_KEYS = [
  ...nav,
  {
    action: 'open',
    keys: 'Enter/o',
    description: 'open in browser (through the proxy when there is one)',
    footer: 'open',
    match: any(enter, ch('o')),
  },
  copy('copy URL'),
  ...BROWSER_KEYS,
] as const satisfies readonly KeyBinding[];

/** The Web view: requests through the dev-server proxies. */
export const WEB_KEYS = [
  ...nav,
  details('request details'),
  {
    action: 'errors',
    keys: 'e',
    description: 'only failed requests (status ≥ 400 or no response)',
    footer: 'errors only',
    match: ch('e'),
  },
  copy('copy the request URL'),
  {
    action: 'open',
    keys: 'o',
    description: 'open the request URL in the browser',
    footer: 'open',
    match: ch('o'),
  },
  ...BROWSER_KEYS,
] as const satisfies readonly KeyBinding[];

export const WEB_DETAIL_KEYS = [
  back('back to the list'),
  copy('copy the request URL'),
] as const satisfies readonly KeyBinding[];

export const SETTINGS_KEYS = [
  {
    action: 'up',
    keys: '←/↑',
    description: 'previous client',
    match: any((_i, k) => k.leftArrow, upOrK, ch('h')),
  },
  {
    action: 'down',
    keys: '→/↓',
    description: 'next client',
    footer: 'client',
    match: any((_i, k) => k.rightArrow, downOrJ, ch('l')),
  },
  { action: 'reveal', keys: 't', description: 'show/hide the token', footer: 'token', match: ch('t') },
  {
    action: 'write',
    keys: 'w',
    description: "write the client's config file",
    footer: 'write config',
    match: ch('w'),
  },
  { action: 'confirm', keys: 'y', description: 'confirm writing', match: ch('y') },
  {
    action: 'ignore',
    keys: 'g',
    description: 'add the written project file to .gitignore (when offered)',
    match: ch('g'),
  },
  copy('copy snippet'),
  { action: 'cancel', keys: 'Esc', description: 'cancel', match: escape },
] as const satisfies readonly KeyBinding[];

export const PROMPT_KEYS = [
  { action: 'submit', keys: 'Enter', description: 'confirm', footer: 'confirm', match: enter },
  { action: 'cancel', keys: 'Esc', description: 'cancel', footer: 'cancel', match: escape },
] as const satisfies readonly KeyBinding[];

/** The actions a table defines, as a string union. */
export type ActionOf<T extends readonly KeyBinding[]> = T[number]['action'];

/** The first binding in `table` that matches and is handled, if any. */
export function findBinding<T extends readonly KeyBinding[]>(
  table: T,
  input: string,
  key: Key,
  handled: (action: ActionOf<T>) => boolean = () => true,
): T[number] | undefined {
  return table.find((b) => handled(b.action as ActionOf<T>) && b.match(input, key));
}

export const AGENT_KEYS = [
  ...nav,
  details('full arguments and result of the call'),
] as const satisfies readonly KeyBinding[];

export const AGENT_DETAIL_KEYS = [
  back('back to the calls'),
  { ...scrollUp, footer: 'scroll' },
  scrollDown,
] as const satisfies readonly KeyBinding[];
