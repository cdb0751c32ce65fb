/**
 * What the client watches: console calls, uncaught errors and rejections, failed requests the proxy
 * cannot see (cross-origin, or failing before a response), navigations and CSP violations. Each hook
 * is installed and runs inside try/catch: a failure in one costs that hook, never the page.
 */
import { LIMITS, type WireEvent, type WireLevel } from '../wire';
import { consoleMessage, describe, errorText, frameLocation, safeJson, stackFrames } from './serialize';

export type Emit = (event: WireEvent) => void;

/** Console output collected while a command evaluates (see commands.ts). */
export const consoleCaptures = new Set<{ level: WireLevel; text: string }[]>();

export function safely(install: () => void): void {
  try {
    install();
  } catch {
    // this hook stays off; the page is untouched
  }
}

const LEVELS: Record<string, WireLevel> = {
  debug: 'debug',
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
  trace: 'debug',
};

export function hookConsole(emit: Emit): void {
  const target = console as unknown as Record<string, (...args: unknown[]) => void>;
  for (const method of Object.keys(LEVELS)) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    const level = LEVELS[method]!;
    target[method] = function (this: unknown, ...args: unknown[]) {
      try {
        record(emit, level, args, method === 'trace' || level === 'error' || level === 'warn');
      } catch {
        // never in the page's way
      }
      return original.apply(this, args);
    };
  }
  const assert = target['assert'];
  if (typeof assert === 'function')
    target['assert'] = function (this: unknown, condition?: unknown, ...args: unknown[]) {
      try {
        if (!condition) record(emit, 'error', ['Assertion failed:', ...args], true);
      } catch {
        // never in the page's way
      }
      return assert.call(this, condition, ...args);
    };
}

function record(emit: Emit, level: WireLevel, args: unknown[], withStack: boolean): void {
  const { text, truncated } = consoleMessage(args);
  for (const capture of consoleCaptures) if (capture.length < 200) capture.push({ level, text });
  const event: WireEvent = { k: 'console', l: level, m: text, ts: Date.now() };
  if (truncated) event.tr = true;
  if (withStack) {
    // The caller's frames: this function and the wrapper are this client's own (left out).
    const frames = stackFrames(new Error().stack);
    if (frames.length > 0) {
      event.stack = frames.slice(0, 10);
      const src = frameLocation(frames[0]);
      if (src) event.src = src;
    }
  }
  emit(event);
}

export function hookErrors(emit: Emit): void {
  window.addEventListener(
    'error',
    (e) => {
      try {
        if (e instanceof ErrorEvent) {
          const error = e.error as unknown;
          const frames = error instanceof Error ? stackFrames(error.stack) : [];
          const event: WireEvent = {
            k: 'error',
            l: 'error',
            m: clip(error instanceof Error ? errorText(error) : e.message || 'Script error'),
            ts: Date.now(),
            data: { type: 'uncaught', name: error instanceof Error ? error.name : 'Error' },
          };
          if (frames.length > 0) event.stack = frames;
          const src = e.filename
            ? { url: e.filename.slice(0, LIMITS.maxUrlChars), line: e.lineno, col: e.colno }
            : frameLocation(frames[0]);
          if (src) event.src = src;
          emit(event);
          return;
        }
        // A resource (script, stylesheet, image) that failed to load: the event targets its element.
        const el = (e as Event).target as Element | null;
        if (el && el !== (window as unknown) && 'tagName' in el) {
          const url = (el as HTMLScriptElement).src || (el as HTMLLinkElement).href || '';
          emit({
            k: 'network',
            l: 'error',
            m: clip(`failed to load ${el.tagName.toLowerCase()} ${url}`),
            ts: Date.now(),
            data: { type: 'resource', tag: el.tagName.toLowerCase(), url: url.slice(0, LIMITS.maxUrlChars) },
          });
        }
      } catch {
        // never in the page's way
      }
    },
    true,
  );
  window.addEventListener('unhandledrejection', (e) => {
    try {
      const reason = e.reason as unknown;
      const isError = reason instanceof Error;
      const frames = isError ? stackFrames(reason.stack) : [];
      const described = isError ? errorText(reason) : describe(reason).value;
      const event: WireEvent = {
        k: 'error',
        l: 'error',
        m: clip(`Unhandled rejection: ${typeof described === 'string' ? described : safeJson(described)}`),
        ts: Date.now(),
        data: { type: 'unhandledrejection', name: isError ? reason.name : 'UnhandledRejection' },
      };
      if (frames.length > 0) event.stack = frames;
      const src = frameLocation(frames[0]);
      if (src) event.src = src;
      emit(event);
    } catch {
      // never in the page's way
    }
  });
}

/** Same-origin responses pass the proxy, which records them; cross-origin ones it never sees. */
function crossOrigin(url: string): boolean {
  try {
    return new URL(url, location.href).origin !== location.origin;
  } catch {
    return false;
  }
}

function failedRequest(
  emit: Emit,
  api: string,
  method: string,
  url: string,
  status: number,
  started: number,
  error?: string,
): void {
  const cross = crossOrigin(url);
  if (!cross && error === undefined) return; // the proxy has it
  const clean = url.slice(0, LIMITS.maxUrlChars);
  emit({
    k: 'network',
    l: 'error',
    m: clip(error === undefined ? `${method} ${clean} → ${status}` : `${method} ${clean} failed: ${error}`),
    ts: Date.now(),
    data: {
      api,
      method,
      url: clean,
      status,
      duration_ms: Math.round(performance.now() - started),
      cross_origin: cross,
      ...(error === undefined ? {} : { error: error.slice(0, 300) }),
    },
  });
}

export function hookFetch(emit: Emit): void {
  const original = window.fetch;
  if (typeof original !== 'function') return;
  window.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
    // eslint-disable-next-line prefer-rest-params
    const promise = original.apply(this, arguments as unknown as [RequestInfo | URL, RequestInit?]);
    try {
      const started = performance.now();
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const method = (
        (init && init.method) ||
        (input instanceof Request ? input.method : 'GET')
      ).toUpperCase();
      // Watch a branch of the page's own promise: the page gets the very promise fetch returned.
      promise.then(
        (response) => {
          try {
            if (response.status >= 400)
              failedRequest(emit, 'fetch', method, response.url || url, response.status, started);
          } catch {
            // never in the page's way
          }
        },
        (error: unknown) => {
          try {
            if (!(error instanceof DOMException && error.name === 'AbortError'))
              failedRequest(
                emit,
                'fetch',
                method,
                url,
                0,
                started,
                error instanceof Error ? error.message : String(error),
              );
          } catch {
            // never in the page's way
          }
        },
      );
    } catch {
      // never in the page's way
    }
    return promise;
  } as typeof window.fetch;
}

export function hookXhr(emit: Emit): void {
  const proto = XMLHttpRequest.prototype;
  const open = proto.open;
  const send = proto.send;
  const info = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
    try {
      info.set(this, { method: String(method).toUpperCase(), url: String(url) });
    } catch {
      // never in the page's way
    }
    // eslint-disable-next-line prefer-rest-params
    return open.apply(this, arguments as unknown as Parameters<typeof open>);
  } as typeof proto.open;
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    try {
      const started = performance.now();
      this.addEventListener('loadend', (e) => {
        const xhr = e.target as XMLHttpRequest;
        try {
          const request = info.get(xhr);
          if (request === undefined) return;
          if (xhr.status >= 400)
            failedRequest(emit, 'xhr', request.method, xhr.responseURL || request.url, xhr.status, started);
          else if (xhr.status === 0)
            failedRequest(emit, 'xhr', request.method, request.url, 0, started, 'network error or aborted');
        } catch {
          // never in the page's way
        }
      });
    } catch {
      // never in the page's way
    }
    return send.call(this, body);
  };
}

export function hookNavigation(emit: Emit, pageChanged: () => void): void {
  const route = (how: string) => {
    try {
      emit({
        k: 'navigation',
        l: 'info',
        m: `${how} ${location.href}`,
        ts: Date.now(),
        data: { phase: 'route', how, url: location.href.slice(0, LIMITS.maxUrlChars) },
      });
      pageChanged();
    } catch {
      // never in the page's way
    }
  };
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = history[name];
    history[name] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      route(name);
      return result;
    };
  }
  window.addEventListener('popstate', () => route('popstate'));
  window.addEventListener('hashchange', () => route('hashchange'));
}

export function hookCsp(emit: Emit): void {
  document.addEventListener('securitypolicyviolation', (e) => {
    try {
      const event: WireEvent = {
        k: 'csp',
        l: e.disposition === 'report' ? 'warn' : 'error',
        m: clip(
          `${e.disposition === 'report' ? 'would block' : 'blocked'} ${e.blockedURI || 'inline'} (${e.effectiveDirective || e.violatedDirective})`,
        ),
        ts: Date.now(),
        data: {
          directive: (e.effectiveDirective || e.violatedDirective).slice(0, 200),
          blocked: (e.blockedURI || '').slice(0, LIMITS.maxUrlChars),
          disposition: e.disposition,
        },
      };
      if (e.sourceFile)
        event.src = {
          url: e.sourceFile.slice(0, LIMITS.maxUrlChars),
          line: e.lineNumber,
          col: e.columnNumber,
        };
      emit(event);
    } catch {
      // never in the page's way
    }
  });
}

function clip(text: string): string {
  return text.length > LIMITS.maxMessageChars ? `${text.slice(0, LIMITS.maxMessageChars)}…` : text;
}
