/**
 * brum's page client, injected by brum's proxy as the first script in <head>. It reports what the page
 * does (console, errors, failed requests, navigations, Web Vitals, CSP violations) to brum over one
 * WebSocket to its own origin, and answers brum's commands. It never breaks the page: everything runs
 * inside try/catch and fails silently. Top-level documents only (a same-origin iframe shares the
 * tab's sessionStorage and would pose as the tab).
 */
import { PROTOCOL_VERSION, SCRIPT_PATH, type WireEvent } from '../wire';
import { handleCommand } from './commands';
import { hookConsole, hookCsp, hookErrors, hookFetch, hookNavigation, hookXhr, safely } from './hooks';
import { randomId, tabIdentity } from './ids';
import { Transport } from './transport';
import { hookVitals } from './vitals';

const INSTALLED = '__brumPageClient';

function start(): void {
  const w = window as unknown as Record<string, unknown>;
  if (w[INSTALLED] || window.top !== window) return;
  Object.defineProperty(w, INSTALLED, { value: true });
  const script = document.currentScript as HTMLScriptElement | null;
  let secret = '';
  try {
    const src = new URL(script ? script.src : '', location.href);
    if (src.pathname === SCRIPT_PATH) secret = src.searchParams.get('s') || '';
  } catch {
    // no secret: brum refuses the socket, the client stays silent
  }
  const { tab, dup } = tabIdentity();
  const load = randomId('l-');
  const navType = (() => {
    try {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return entry ? entry.type : 'navigate';
    } catch {
      return 'navigate';
    }
  })();
  const viewport = () => ({ vw: Math.round(window.innerWidth), vh: Math.round(window.innerHeight) });
  const transport = new Transport(secret, () => ({
    t: 'hello',
    v: PROTOCOL_VERSION,
    tab,
    load,
    url: location.href,
    title: document.title,
    ua: navigator.userAgent,
    ...viewport(),
    nav: navType,
    dup,
  }));
  const emit = (event: WireEvent) => {
    try {
      transport.push(event);
    } catch {
      // never in the page's way
    }
  };
  let lastTitle = document.title;
  const pageChanged = () =>
    transport.send({ t: 'page', url: location.href, title: document.title, ...viewport() });
  transport.onCommand = (command) => handleCommand(transport, command);

  safely(() => hookErrors(emit));
  safely(() => hookConsole(emit));
  safely(() => hookFetch(emit));
  safely(() => hookXhr(emit));
  safely(() => hookNavigation(emit, pageChanged));
  safely(() => hookCsp(emit));
  safely(() => hookVitals(emit));
  safely(() => {
    window.addEventListener('load', () => {
      emit({
        k: 'navigation',
        l: 'info',
        m: `load ${location.href}`,
        ts: Date.now(),
        data: { phase: 'load', type: navType, url: location.href },
      });
      if (document.title !== lastTitle) {
        lastTitle = document.title;
        pageChanged();
      }
    });
    window.setInterval(() => {
      if (document.title !== lastTitle) {
        lastTitle = document.title;
        pageChanged();
      }
    }, 2_000);
    let resizeTimer: number | undefined;
    window.addEventListener('resize', () => {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(pageChanged, 500);
    });
  });
  transport.start();
}

try {
  start();
} catch {
  // the client is off for this page; the page itself is untouched
}
