/**
 * Secrets never leave brum through MCP verbatim (issue 11): every tool result (text blocks and
 * `structuredContent`), every resource read and every prompt passes through the engine's `maskSecrets`, which hides
 * the values brum loaded for its processes from `.env`, `env_file` and `env` tables under secret names
 * (and URL passwords in loaded values). Done once here, where results leave, so no tool can forget it.
 */
import type { McpServer } from '@modelcontextprotocol/server';

type Mask = (text: string) => string;

/** A copy of `value` with `mask` applied to every string in it (objects and arrays rebuilt only when changed). */
export function maskDeep(value: unknown, mask: Mask, depth = 0): unknown {
  if (typeof value === 'string') return mask(value);
  if (value === null || typeof value !== 'object' || depth > 32) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const masked = maskDeep(item, mask, depth + 1);
      if (masked !== item) (out ??= [...value])[i] = masked;
    });
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const masked = maskDeep(item, mask, depth + 1);
    if (masked !== item) (out ??= { ...value })[key] = masked;
  }
  return out ?? value;
}

type Callback = (...args: unknown[]) => unknown;

/** The registrations whose handlers' answers leave brum (prompts carry log lines too). */
const MASKED_REGISTRATIONS = new Set<string | symbol>(['registerTool', 'registerResource', 'registerPrompt']);

function masked(callback: Callback, mask: Mask): Callback {
  return async (...args: unknown[]) => maskDeep(await callback(...args), mask);
}

/**
 * `server` whose `registerTool`, `registerResource` and `registerPrompt` wrap each handler so that what it returns is
 * masked. The SDK's registration methods are generic over their schemas; the wrapper only touches the
 * handler (always the last argument) and passes everything else through unchanged, hence the
 * `unknown` casts.
 */
export function maskingServer(server: McpServer, mask: Mask): McpServer {
  return new Proxy(server, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (!MASKED_REGISTRATIONS.has(property) || typeof value !== 'function') return value;
      const register = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const last = args.length - 1;
        const handler = args[last];
        if (typeof handler === 'function') args[last] = masked(handler as Callback, mask);
        return register.apply(target, args);
      };
    },
  });
}
