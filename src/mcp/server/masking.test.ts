/**
 * Secrets through MCP (issue 11): a script prints the secrets brum loaded for it (an `env` table's
 * API_TOKEN, the password inside DATABASE_URL); logs_stream, logs_search, errors_list, scripts_status
 * and the resources return them masked — through the SDK client, with a real engine and process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MASK } from '../../core/config/mask.js';
import { connectModern, textOf, type Connected } from '../../../test/mcp/connect.js';
import { createLeakyEngine, LEAKY_SECRETS, shutdownEngines } from '../../../test/helpers/engine.js';
import { maskDeep } from './masking.js';

let c: Connected | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  await shutdownEngines();
});

const { token: TOKEN, password: PASSWORD } = LEAKY_SECRETS;

describe('MCP masks the secrets brum loaded', () => {
  it('in logs, search results, errors, status and resources', async () => {
    const engine = createLeakyEngine();
    c = await connectModern(engine);
    const { process } = engine.start('leaky');
    await engine.waitFor(process.id, 'exit', 15_000);
    const calls = [
      { name: 'logs_stream', arguments: { name: 'leaky' } },
      { name: 'logs_search', arguments: { query: 'token' } },
      { name: 'errors_list', arguments: {} },
      { name: 'scripts_status', arguments: { name: 'leaky' } },
    ];
    for (const call of calls) {
      const result = await c.client.callTool(call);
      const all = JSON.stringify(result);
      expect(all, call.name).not.toContain(TOKEN);
      expect(all, call.name).not.toContain(PASSWORD);
      if (call.name !== 'scripts_status') expect(all, call.name).toContain(MASK);
    }
    const search = await c.client.callTool({ name: 'logs_search', arguments: { query: 'using token' } });
    expect(textOf(search)).toContain(`using token ${MASK} for postgres://app:${MASK}@db/app`);
    const errors = await c.client.callTool({ name: 'errors_list', arguments: {} });
    expect(textOf(errors)).toContain(`auth failed for token ${MASK}`);
    // The prompts quote output too (why_failed: last lines; debug_errors: the lines around each error).
    const prompts: { name: string; arguments: Record<string, string> }[] = [
      { name: 'why_failed', arguments: { process: 'leaky' } },
      { name: 'debug_errors', arguments: {} },
    ];
    for (const prompt of prompts) {
      const text = JSON.stringify(await c.client.getPrompt(prompt));
      expect(text, prompt.name).not.toContain(TOKEN);
      expect(text, prompt.name).toContain(MASK);
    }
    for (const uri of [`brum://processes/${process.id}/logs`, `brum://processes/${process.id}/errors`]) {
      const read = JSON.stringify(await c.client.readResource({ uri }));
      expect(read, uri).not.toContain(TOKEN);
      expect(read, uri).toContain(MASK);
    }
  });

  it('maskDeep rebuilds only what changed', () => {
    const mask = (t: string) => t.replaceAll('s3cret', MASK);
    const untouched = { a: ['x', { b: 'y' }], n: 1 };
    expect(maskDeep(untouched, mask)).toBe(untouched);
    expect(maskDeep({ a: ['x', { b: 'is s3cret' }], n: 1 }, mask)).toEqual({
      a: ['x', { b: `is ${MASK}` }],
      n: 1,
    });
  });
});
