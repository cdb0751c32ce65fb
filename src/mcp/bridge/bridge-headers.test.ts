import { describe, expect, it } from 'vitest';
import { encodeHeaderValue, protocolHeaders } from './bridge-headers.js';
import { readSseData } from '../transports/http/sse.js';

const modern = (method: string, params: Record<string, unknown> = {}, request = true) => ({
  jsonrpc: '2.0',
  ...(request && { id: 1 }),
  method,
  params: { ...params, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28' } },
});

describe('protocolHeaders', () => {
  it('derives the standard headers of an enveloped request', () => {
    expect(protocolHeaders(modern('tools/call', { name: 'scripts_run' }), undefined)).toEqual({
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'scripts_run',
    });
    expect(
      protocolHeaders(modern('resources/read', { uri: 'brum://processes' }), '2025-06-18')['mcp-name'],
    ).toBe('brum://processes');
    expect(protocolHeaders(modern('notifications/cancelled', {}, false), undefined)).toEqual({
      'mcp-protocol-version': '2026-07-28',
    });
  });

  it('sends the negotiated version on 2025-era messages after initialize, never on initialize itself', () => {
    expect(protocolHeaders({ jsonrpc: '2.0', id: 1, method: 'initialize' }, '2025-06-18')).toEqual({});
    expect(protocolHeaders({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, '2025-06-18')).toEqual({
      'mcp-protocol-version': '2025-06-18',
    });
    expect(protocolHeaders({ jsonrpc: '2.0', id: 2, method: 'tools/list' }, undefined)).toEqual({});
  });

  it('base64-encodes values that are not plain printable ASCII', () => {
    expect(encodeHeaderValue('dev')).toBe('dev');
    expect(encodeHeaderValue('dév')).toBe(`=?base64?${Buffer.from('dév').toString('base64')}?=`);
    expect(encodeHeaderValue(' padded')).toMatch(/^=\?base64\?/);
    expect(encodeHeaderValue('')).toMatch(/^=\?base64\?/);
  });
});

describe('readSseData', () => {
  it('yields each event as its chunks arrive, across split lines and CRLF (leniently flushing the last)', async () => {
    const chunks = [
      'event: message\r\ndata: {"a"',
      ':1}\r\n\r\n: keep-alive\n\ndata: line1\ndata: line2\n\n',
      'data: tail\n',
    ];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
        c.close();
      },
    });
    const out: string[] = [];
    for await (const data of readSseData(body)) out.push(data);
    expect(out).toEqual(['{"a":1}', 'line1\nline2', 'tail']);
  });
});
