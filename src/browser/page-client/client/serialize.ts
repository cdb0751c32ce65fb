/**
 * Turning page values into bounded data: console arguments become one message, evaluated values a
 * JSON-compatible structure. Depth, keys, array items and string length are bounded; cycles, getters
 * that throw, DOM nodes, functions and errors are described instead of walked.
 */
import { LIMITS } from '../wire';

export interface Described {
  value: unknown;
  truncated: boolean;
}

/** A JSON-compatible, bounded copy of `value`. Never throws. */
export function describe(value: unknown, depth: number = LIMITS.maxDepth): Described {
  const state = { truncated: false, seen: [] as object[] };
  const out = walk(value, depth, state);
  return { value: out, truncated: state.truncated };
}

function walk(value: unknown, depth: number, state: { truncated: boolean; seen: object[] }): unknown {
  try {
    switch (typeof value) {
      case 'string':
        return cut(value, LIMITS.maxStringChars, state);
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'boolean':
        return value;
      case 'undefined':
        return '[undefined]';
      case 'bigint':
        return `${String(value)}n`;
      case 'symbol':
        return String(value);
      case 'function':
        return `[Function ${(value as { name?: string }).name || 'anonymous'}]`;
    }
    if (value === null) return null;
    const obj = value as object;
    if (obj instanceof Error) return errorText(obj);
    if (typeof Node !== 'undefined' && obj instanceof Node) return nodeText(obj);
    if (state.seen.indexOf(obj) !== -1) return '[Circular]';
    if (depth <= 0) {
      state.truncated = true;
      return Array.isArray(obj) ? `[Array(${obj.length})]` : `[${ctorName(obj)}]`;
    }
    state.seen.push(obj);
    try {
      if (Array.isArray(obj)) {
        const items = obj.slice(0, LIMITS.maxArrayItems).map((v) => walk(v, depth - 1, state));
        if (obj.length > LIMITS.maxArrayItems) {
          state.truncated = true;
          items.push(`… ${obj.length - LIMITS.maxArrayItems} more`);
        }
        return items;
      }
      if (obj instanceof Map)
        return walk(Object.fromEntries([...obj.entries()].slice(0, LIMITS.maxKeys)), depth, state);
      if (obj instanceof Set) return walk([...obj.values()], depth, state);
      if (obj instanceof Date) return isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
      if (obj instanceof RegExp) return String(obj);
      if (typeof Promise !== 'undefined' && obj instanceof Promise) return '[Promise]';
      const result: Record<string, unknown> = {};
      let n = 0;
      for (const key in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
        if (n++ >= LIMITS.maxKeys) {
          state.truncated = true;
          result['…'] = 'more keys';
          break;
        }
        let v: unknown;
        try {
          v = (obj as Record<string, unknown>)[key];
        } catch {
          v = '[getter threw]';
        }
        result[key] = walk(v, depth - 1, state);
      }
      return result;
    } finally {
      state.seen.pop();
    }
  } catch {
    return '[unserialisable]';
  }
}

function cut(text: string, max: number, state: { truncated: boolean }): string {
  if (text.length <= max) return text;
  state.truncated = true;
  return `${text.slice(0, max)}…`;
}

function ctorName(obj: object): string {
  try {
    return (obj.constructor && obj.constructor.name) || 'Object';
  } catch {
    return 'Object';
  }
}

export function errorText(error: Error): string {
  try {
    return `${error.name || 'Error'}: ${error.message}`;
  } catch {
    return 'Error';
  }
}

function nodeText(node: Node): string {
  if (node instanceof Element) {
    const id = node.id ? `#${node.id}` : '';
    const cls =
      typeof node.className === 'string' && node.className
        ? `.${node.className.trim().split(/\s+/).join('.')}`
        : '';
    return `<${node.tagName.toLowerCase()}${id}${cls}>`;
  }
  return `[${node.nodeName}]`;
}

/** One console message from its arguments: `%s %d %i %f %o %O %c` substituted, the rest joined by spaces. */
export function consoleMessage(args: readonly unknown[]): { text: string; truncated: boolean } {
  let truncated = false;
  const render = (v: unknown): string => {
    if (typeof v === 'string') return v;
    const d = describe(v);
    if (d.truncated) truncated = true;
    return typeof d.value === 'string' ? d.value : safeJson(d.value);
  };
  const rest = args.slice(0, 20);
  if (args.length > 20) truncated = true;
  let text = '';
  if (typeof rest[0] === 'string' && rest[0].indexOf('%') !== -1) {
    let i = 1;
    text = rest[0].replace(/%([sdifoOc%])/g, (m, f: string) => {
      if (f === '%') return '%';
      if (i >= rest.length) return m;
      const v = rest[i++];
      if (f === 'c') return '';
      if (f === 'd' || f === 'i') return String(parseInt(String(v), 10));
      if (f === 'f') return String(parseFloat(String(v)));
      return render(v);
    });
    rest.splice(0, i);
  }
  for (const v of rest) text += (text === '' ? '' : ' ') + render(v);
  if (text.length > LIMITS.maxMessageChars) {
    text = `${text.slice(0, LIMITS.maxMessageChars)}…`;
    truncated = true;
  }
  return { text, truncated };
}

export function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Stack lines without the message line, bounded; frames of this client left out. */
export function stackFrames(stack: string | undefined, skipOwn = true): string[] {
  if (typeof stack !== 'string') return [];
  const frames: string[] = [];
  for (const line of stack.split('\n')) {
    const trimmed = line.trim();
    if (!/^at\s|@/.test(trimmed)) continue;
    if (skipOwn && trimmed.indexOf('/__brum/client.js') !== -1) continue;
    frames.push(
      trimmed.length > LIMITS.maxFrameChars ? `${trimmed.slice(0, LIMITS.maxFrameChars)}…` : trimmed,
    );
    if (frames.length >= LIMITS.maxStackFrames) break;
  }
  return frames;
}

/** `url:line:col` of a stack frame. */
export function frameLocation(
  frame: string | undefined,
): { url: string; line?: number; col?: number } | undefined {
  if (frame === undefined) return undefined;
  const m = /(https?:\/\/[^\s()]+?):(\d+):(\d+)\)?$/.exec(frame);
  if (m === null) return undefined;
  return { url: m[1]!.slice(0, LIMITS.maxUrlChars), line: Number(m[2]), col: Number(m[3]) };
}
