import { describe, expect, it } from 'vitest';
import { rewritePromptsList, rewriteToolsList, takeInstance } from './hub-schema.js';

describe('hub schema rewriting', () => {
  it('adds an optional instance to every tool and appends the hub tools once', () => {
    const out = rewriteToolsList({
      tools: [
        {
          name: 'scripts_run',
          inputSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
        { name: 'about', inputSchema: { type: 'object' } },
      ],
    }) as {
      tools: { name: string; inputSchema: { properties: Record<string, unknown>; required?: string[] } }[];
    };
    expect(out.tools.map((t) => t.name)).toEqual([
      'scripts_run',
      'about',
      'instances_list',
      'instances_connect',
    ]);
    expect(out.tools[0]!.inputSchema.properties).toHaveProperty('instance');
    expect(out.tools[0]!.inputSchema.required).toEqual(['name']);
    expect(out.tools[1]!.inputSchema.properties).toHaveProperty('instance');
    const again = rewriteToolsList(out) as { tools: unknown[] };
    expect(again.tools).toHaveLength(4);
  });

  it('adds an optional instance argument to prompts', () => {
    const out = rewritePromptsList({
      prompts: [{ name: 'why_failed', arguments: [{ name: 'process', required: true }] }],
    }) as {
      prompts: { arguments: { name: string; required?: boolean }[] }[];
    };
    expect(out.prompts[0]!.arguments).toEqual([
      { name: 'process', required: true },
      expect.objectContaining({ name: 'instance', required: false }),
    ]);
  });

  it('takes instance out of a call, leaving the other arguments', () => {
    const m = {
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'scripts_run', arguments: { name: 'dev', instance: 'web' } },
    };
    const { instance, message } = takeInstance(m);
    expect(instance).toBe('web');
    expect(message.params).toEqual({ name: 'scripts_run', arguments: { name: 'dev' } });
    expect(
      takeInstance({ ...m, params: { name: 'x', arguments: { instance: '  ' } } }).instance,
    ).toBeUndefined();
    expect(takeInstance({ ...m, params: { name: 'x' } }).instance).toBeUndefined();
  });
});
