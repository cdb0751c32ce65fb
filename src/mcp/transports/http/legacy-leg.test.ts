import { McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { legacyLeg } from './legacy-leg.js';

const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
};
const CALL = {
  jsonrpc: '2.0',
  id: 7,
  method: 'tools/call',
  params: { name: 'echo', arguments: { text: 'hi' } },
};

/** A real SDK server with one tool; `made` collects every instance the factory built. */
function factoryWithEcho(made: McpServer[]) {
  return () => {
    const server = new McpServer({ name: 't', version: '1' });
    server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({
      content: [{ type: 'text' as const, text }],
    }));
    made.push(server);
    return server;
  };
}

const post = () => new Request('http://127.0.0.1/mcp', { method: 'POST', headers: HEADERS });

describe('legacyLeg', () => {
  it('answers a 2025-era tools/call as an event stream and closes the instance once told the body is done', async () => {
    const made: McpServer[] = [];
    const serve = legacyLeg(factoryWithEcho(made), () => {}, 1024 * 1024);
    const { response, finished } = await serve(post(), CALL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(JSON.parse(/^data: (.*)$/m.exec(text)![1]!)).toMatchObject({
      id: 7,
      result: { content: [{ type: 'text', text: 'hi' }] },
    });
    expect(made).toHaveLength(1);
    expect(made[0]!.isConnected()).toBe(true);
    finished!();
    await expect.poll(() => made[0]!.isConnected()).toBe(false);
  });

  it('closes the instance at once when the answer is not a stream (a notification: 202)', async () => {
    const made: McpServer[] = [];
    const serve = legacyLeg(factoryWithEcho(made), () => {}, 1024 * 1024);
    const { response, finished } = await serve(post(), {
      jsonrpc: '2.0',
      method: 'notifications/initialized',
    });
    expect(response.status).toBe(202);
    expect(finished).toBeUndefined();
    await expect.poll(() => made[0]!.isConnected()).toBe(false);
  });

  it('answers GET and DELETE with 405 without building an instance', async () => {
    const made: McpServer[] = [];
    const serve = legacyLeg(factoryWithEcho(made), () => {}, 1024 * 1024);
    for (const method of ['GET', 'DELETE']) {
      const { response } = await serve(new Request('http://127.0.0.1/mcp', { method }), undefined);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
    expect(made).toHaveLength(0);
  });

  it('reports a failing factory and answers 500 with the request id', async () => {
    const errors: Error[] = [];
    const serve = legacyLeg(
      () => {
        throw new Error('boom');
      },
      (e) => errors.push(e),
      1024,
    );
    const { response } = await serve(post(), CALL);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ id: 7, error: { code: -32603 } });
    expect(errors.map((e) => e.message)).toEqual(['boom']);
  });
});
