/**
 * What a server instance costs to build. The HTTP entry is stateless: the SDK asks for a fresh
 * `McpServer` for every request, and building one with every tool, resource and prompt registered
 * measured ~0.35–0.45 ms of CPU (19 tools, their wrappers, resource templates, prompt schemas), and
 * the SDK then converted the called tool's zod output schema to JSON Schema again for every call
 * (~0.3–0.7 ms: it only wants to know whether the schema's root is an object). Both were paid on
 * every `scripts_status`, against an idle target of 5 ms at p99.
 *
 * - A request that calls one tool gets an instance with only that tool registered (`scopedServer`):
 *   the SDK answers a `tools/call` from `_registeredTools[name]` alone, so the answer is the same.
 *   When the name is not one of brum's tools nothing is registered, and the caller builds the full
 *   instance instead, so an unknown tool gets the SDK's usual answer.
 * - An output schema's JSON form is computed once per schema object and handed to every later
 *   instance (`RegisteredTool.outputSchemaJson` is the SDK's memo slot for it; the value is only read).
 */
import type { McpServer } from '@modelcontextprotocol/server';

type Register = (...args: unknown[]) => unknown;

/** A registered tool's memo slot (typed in the SDK as `RegisteredTool.outputSchemaJson`). */
interface ToolMemo {
  outputSchemaJson?: Record<string, unknown>;
}

const outputSchemaJson = new WeakMap<object, Record<string, unknown>>();

/**
 * Hands the tool the JSON form of its output schema computed for an earlier instance; `compute`: when
 * there is none yet, computes it now (an instance built for a call to this tool needs it anyway).
 */
function reuseOutputSchemaJson(config: unknown, registered: unknown, compute: boolean): void {
  const schema = (config as { outputSchema?: unknown } | undefined)?.outputSchema;
  if (
    typeof schema !== 'object' ||
    schema === null ||
    typeof registered !== 'object' ||
    registered === null
  ) {
    return;
  }
  const tool = registered as ToolMemo;
  const known = outputSchemaJson.get(schema);
  if (known !== undefined) {
    tool.outputSchemaJson = known;
    return;
  }
  if (!compute) return;
  const computed = tool.outputSchemaJson; // the SDK's getter converts and memoises on this instance
  if (computed !== undefined) outputSchemaJson.set(schema, computed);
}

export interface ScopedServer {
  /** The server to register on: only `tool` (when given) reaches the real one. */
  readonly server: McpServer;
  /** Whether the one tool asked for was registered (always true without a scope). */
  readonly complete: () => boolean;
}

/**
 * A view of `server` for the registration functions: with `tool`, registers that tool only (the
 * caller registers no resource or prompt then); every tool registered reuses its output schema's
 * JSON form.
 */
export function scopedServer(server: McpServer, tool?: string): ScopedServer {
  let found = tool === undefined;
  const view = new Proxy(server, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      const register = value as Register;
      if (property === 'registerTool') {
        return (...args: unknown[]) => {
          if (tool !== undefined && args[0] !== tool) return undefined;
          found = true;
          const registered = register.apply(target, args);
          reuseOutputSchemaJson(args[1], registered, tool !== undefined);
          return registered;
        };
      }
      return value;
    },
  });
  return { server: view, complete: () => found };
}
