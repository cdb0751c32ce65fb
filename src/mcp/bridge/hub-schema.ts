/**
 * What the hub adds to the protocol surface of every brum it forwards to: an optional `instance`
 * argument on every tool and prompt (one set of tools, no copies), and two tools of its own,
 * `instances_list` and `instances_connect`. Results of `tools/list` and `prompts/list` are rewritten
 * on their way to the client; the argument is taken out again before a call is forwarded.
 */
type Json = Record<string, unknown>;

export const INSTANCE_ARGUMENT = 'instance';

const INSTANCE_DESCRIPTION =
  "Which running brum to ask: its id (pid), project directory or project name (see instances_list). Default: this session's instance (instances_connect), else the project brum --mcp runs in.";

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export const HUB_TOOLS: readonly Json[] = [
  {
    name: 'instances_list',
    title: 'Running brums',
    description:
      'Every brum running on this machine for your user that answers: id, project name and directory, port, pid, started, processes running, errors open, last seen; which one is this session’s default.',
    inputSchema: { type: 'object', properties: {} },
    annotations: READ_ONLY,
  },
  {
    name: 'instances_connect',
    title: 'Use a brum',
    description:
      "Makes one running brum this session's default, by id (pid), project directory or project name. Tools without an instance argument then go to it, also after it restarts.",
    inputSchema: {
      type: 'object',
      properties: {
        instance: { type: 'string', description: 'id (pid), project directory or project name' },
      },
      required: ['instance'],
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `tools/list` result with `instance` on every tool and the hub's tools appended. */
export function rewriteToolsList(result: unknown): unknown {
  if (!isObject(result) || !Array.isArray(result.tools)) return result;
  const tools = (result.tools as unknown[]).map((tool) => {
    if (!isObject(tool) || !isObject(tool.inputSchema)) return tool;
    const schema = tool.inputSchema;
    const properties = isObject(schema.properties) ? schema.properties : {};
    return {
      ...tool,
      inputSchema: {
        ...schema,
        properties: {
          ...properties,
          [INSTANCE_ARGUMENT]: { type: 'string', description: INSTANCE_DESCRIPTION },
        },
      },
    };
  });
  const known = new Set(tools.map((t) => (isObject(t) ? t.name : undefined)));
  return { ...result, tools: [...tools, ...HUB_TOOLS.filter((t) => !known.has(t.name))] };
}

/** A `prompts/list` result with an optional `instance` argument on every prompt. */
export function rewritePromptsList(result: unknown): unknown {
  if (!isObject(result) || !Array.isArray(result.prompts)) return result;
  return {
    ...result,
    prompts: (result.prompts as unknown[]).map((prompt) => {
      if (!isObject(prompt)) return prompt;
      const args = Array.isArray(prompt.arguments) ? (prompt.arguments as unknown[]) : [];
      return {
        ...prompt,
        arguments: [...args, { name: INSTANCE_ARGUMENT, description: INSTANCE_DESCRIPTION, required: false }],
      };
    }),
  };
}

/**
 * The `instance` of a `tools/call` or `prompts/get` request, and the message without it (what the
 * chosen brum gets: it does not know the argument). Undefined `instance` when absent or empty.
 */
export function takeInstance(message: Json): { instance: string | undefined; message: Json } {
  const params = message.params;
  if (!isObject(params) || !isObject(params.arguments)) return { instance: undefined, message };
  const { [INSTANCE_ARGUMENT]: value, ...rest } = params.arguments;
  if (value === undefined) return { instance: undefined, message };
  const instance = typeof value === 'string' && value.trim() !== '' ? value : undefined;
  return { instance, message: { ...message, params: { ...params, arguments: rest } } };
}
