/**
 * Commands from brum (and only from brum: they arrive on the client's own socket): evaluate code,
 * navigate, reload. Each gets one `result` with its id. The page's own failures (a throw, a refused
 * URL, eval blocked by the page's CSP) are `ok: false` results, never exceptions.
 */
import { LIMITS, type BrumToPage, type ResultMessage, type WireLevel } from '../wire';
import { consoleCaptures } from './hooks';
import { describe, errorText, safeJson, stackFrames } from './serialize';
import { wireBytes, type Transport } from './transport';

type AsyncFn = () => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor as new (
  body: string,
) => AsyncFn;
const setTimer = window.setTimeout.bind(window);

export function handleCommand(transport: Transport, command: BrumToPage): void {
  const reply = (result: Omit<ResultMessage, 't' | 'id'>) =>
    transport.send(bounded({ t: 'result', id: command.id, ...result }));
  try {
    switch (command.type) {
      case 'eval':
        void evaluate(command.code, command.timeoutMs).then(reply);
        return;
      case 'navigate': {
        let target: URL;
        try {
          target = new URL(command.url, location.href);
        } catch {
          reply({ ok: false, error: `not a URL: ${command.url}` });
          return;
        }
        if (target.protocol !== 'http:' && target.protocol !== 'https:') {
          reply({ ok: false, error: `only http(s) URLs can be opened, not ${target.protocol}` });
          return;
        }
        reply({ ok: true, value: { from: location.href, to: target.href } });
        void transport.drained(500).then(() => location.assign(target.href));
        return;
      }
      case 'reload':
        reply({ ok: true, value: { url: location.href } });
        void transport.drained(500).then(() => location.reload());
        return;
    }
  } catch (error) {
    reply({ ok: false, error: error instanceof Error ? errorText(error) : String(error) });
  }
}

/** A result within the frame cap: console lines and the value are cut further if it is over. */
function bounded(message: ResultMessage): ResultMessage {
  if (message.console) {
    let chars = 0;
    const kept: { level: WireLevel; text: string }[] = [];
    for (const line of message.console.slice(-LIMITS.maxResultConsoleLines)) {
      chars += line.text.length;
      if (chars > LIMITS.maxResultConsoleChars) break;
      kept.push(line);
    }
    if (kept.length < message.console.length) message = { ...message, console: kept, tr: true };
  }
  if (wireBytes(message) <= LIMITS.maxMessageBytes - 1024) return message;
  // Many multi-byte characters: fall back to a short text form.
  const value = safeJson(message.value).slice(0, 2048);
  return {
    ...message,
    value,
    console: (message.console || []).slice(-5).map((l) => ({ level: l.level, text: l.text.slice(0, 500) })),
    stack: (message.stack || []).slice(0, 10),
    tr: true,
  };
}

/** How much later than brum's timeout the page gives up on an evaluation itself. */
const PAGE_DEADLINE_MARGIN_MS = 1000;

async function evaluate(code: string, timeoutMs: number): Promise<Omit<ResultMessage, 't' | 'id'>> {
  const captured: { level: WireLevel; text: string }[] = [];
  consoleCaptures.add(captured);
  try {
    let fn: AsyncFn;
    try {
      fn = new AsyncFunction(`return (${code}\n);`);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      fn = new AsyncFunction(code); // a body with statements (and `return`)
    }
    // brum's own timer is the one that answers the caller (COMMAND_TIMEOUT); the page's deadline,
    // a margin later, only lets go of an evaluation that never settles (and its console capture).
    const value = await Promise.race([
      fn(),
      new Promise((_, reject) =>
        setTimer(
          () => reject(new Error(`the evaluation did not settle within ${timeoutMs} ms`)),
          timeoutMs + PAGE_DEADLINE_MARGIN_MS,
        ),
      ),
    ]);
    const described = describe(value);
    let out = described.value;
    let truncated = described.truncated;
    const json = safeJson(out);
    if (json.length > LIMITS.maxValueChars) {
      out = `${json.slice(0, LIMITS.maxValueChars)}…`;
      truncated = true;
    }
    return { ok: true, value: out, console: captured, ...(truncated ? { tr: true } : {}) };
  } catch (error) {
    const isError = error instanceof Error;
    const blocked = isError && error.name === 'EvalError';
    return {
      ok: false,
      error: blocked
        ? `the page's Content-Security-Policy does not allow evaluating code ('unsafe-eval'): ${errorText(error)}`
        : isError
          ? errorText(error)
          : `threw ${safeJson(describe(error).value)}`,
      stack: isError ? stackFrames(error.stack) : [],
      console: captured,
    };
  } finally {
    consoleCaptures.delete(captured);
  }
}
