import { describe, expect, it } from 'vitest';
import { FakeClock } from '../clock.js';
import { MASK } from '../config/mask.js';
import { AgentActivity } from './activity.js';
import { maskText } from './summarize.js';
import type { ClientRef, ToolCallRecord } from './types.js';

const http: ClientRef = { id: 'http:claude@1', name: 'claude', version: '1', transport: 'http' };

describe('AgentActivity', () => {
  it('records a call from start to finish, with duration, size and a one-line summary', () => {
    const clock = new FakeClock(1000);
    const a = new AgentActivity(() => clock.now());
    const seen: ToolCallRecord[] = [];
    a.on('call', (c) => seen.push(c));
    const seq = a.callStarted(http, 'scripts_run', { name: 'dev', wait: 'ready' });
    expect(a.running()).toBe(1);
    clock.advance(42);
    a.callFinished(seq, { isError: false, text: 'dev started', bytes: 321 });
    expect(a.running()).toBe(0);
    const [call] = a.calls();
    expect(call).toMatchObject({
      tool: 'scripts_run',
      clientName: 'claude',
      summary: 'name="dev" wait="ready"',
      status: 'ok',
      durationMs: 42,
      resultBytes: 321,
      result: 'dev started',
    });
    expect(seen.map((c) => c.status)).toEqual(['running', 'ok']);
    expect(a.clients()).toHaveLength(1);
    expect(a.clients()[0]).toMatchObject({ name: 'claude', calls: 1, connectedAt: 1000 });
  });

  it('masks secrets by key name and by shape, in the summary, the arguments and the result', () => {
    const a = new AgentActivity();
    const seq = a.callStarted(http, 'x', {
      api_key: 'sk-live-123456',
      nested: { password: 'hunter2', url: 'postgres://u:pw@db/x' },
      header: 'Authorization: Bearer abcdef123456',
    });
    a.callFinished(seq, {
      isError: true,
      text: 'failed for Bearer abcdef123456 at redis://u:s3cret@h',
      bytes: 9,
    });
    const call = a.calls()[0]!;
    const all = `${call.summary}\n${call.args}\n${call.result}\n${call.error}`;
    for (const secret of ['sk-live-123456', 'hunter2', ':pw@', 'abcdef123456', 's3cret']) {
      expect(all).not.toContain(secret);
    }
    expect(call.args).toContain(MASK);
    expect(call.status).toBe('error');
    expect(call.error).toContain('failed for Bearer');
  });

  it('masks secret-named values inside texts and keeps the rest', () => {
    const a = new AgentActivity();
    const seq = a.callStarted(http, 'logs_search', {
      query: 'DB_PASSWORD=hunter3 PORT=3000 api_token: tok123',
    });
    a.callFinished(seq, { isError: false, text: 'x', bytes: 1 });
    const call = a.calls()[0]!;
    expect(call.args).toContain(`DB_PASSWORD=${MASK} PORT=3000 api_token: ${MASK}`);
    expect(call.args).not.toMatch(/hunter3|tok123/);
  });

  it('is bounded: calls, argument and result text, and it says when it cut', () => {
    const a = new AgentActivity(Date.now, { maxCalls: 3, maxArgsChars: 50, maxResultChars: 20 });
    for (let i = 0; i < 5; i++) {
      const seq = a.callStarted(http, `t${i}`, { text: 'x'.repeat(500) });
      a.callFinished(seq, { isError: false, text: 'y'.repeat(100), bytes: 100 });
    }
    expect(a.calls().map((c) => c.tool)).toEqual(['t2', 't3', 't4']);
    const call = a.calls()[2]!;
    expect(call.argsTruncated).toBe(true);
    expect(call.resultTruncated).toBe(true);
    expect(call.result).toMatch(/more characters not kept/);
    expect(call.summary.length).toBeLessThanOrEqual(160);
    expect(a.counts()).toMatchObject({ total: 5, running: 0, errors: 0, byTool: { t2: 1, t3: 1, t4: 1 } });
  });

  it('masks a long result where it is cut exactly as the whole text, masking only what it keeps', () => {
    const a = new AgentActivity(Date.now, { maxResultChars: 100 });
    // A secret-named value and a URL password that start before the cut and end after it, then
    // 100 KB of log lines nobody will see.
    const head = `${'x'.repeat(80)} API_TOKEN=hunter3hunter3 https://u:pa55word@db:5432/app\n`;
    const text = head + 'GET /api/items?id=1 200 3ms\n'.repeat(4000);
    const seq = a.callStarted(http, 'logs_stream', {});
    a.callFinished(seq, { isError: false, text, bytes: text.length });
    const call = a.calls()[0]!;
    expect(call.resultTruncated).toBe(true);
    expect(call.result).not.toMatch(/hunter3|pa55word/);
    expect(call.result?.startsWith(`${'x'.repeat(80)} API_TOKEN=${MASK}`)).toBe(true);
    // Characters not kept: those of the masked text past the first 100.
    const masked = maskText(text);
    expect(call.result).toBe(`${masked.slice(0, 100)}\n… (${masked.length - 100} more characters not kept)`);
  });

  it('a running call dropped from the ring no longer counts as running', () => {
    const a = new AgentActivity(Date.now, { maxCalls: 1 });
    a.callStarted(http, 'slow', {});
    a.callStarted(http, 'other', {});
    expect(a.running()).toBe(1);
  });

  it('HTTP clients fade after the idle time; connection-bound ones stay until closed', () => {
    const clock = new FakeClock(0);
    const a = new AgentActivity(() => clock.now(), { idleMs: 1000 });
    a.clientSeen(http);
    a.clientSeen({ id: 'stdio-1', name: 'cli', transport: 'stdio' });
    clock.advance(2000);
    expect(a.clients().map((c) => c.id)).toEqual(['stdio-1']);
    a.clientClosed('stdio-1');
    expect(a.clients()).toEqual([]);
  });

  it('remembers which processes a client started', () => {
    const a = new AgentActivity();
    a.markStartedBy('dev-1', http);
    expect(a.startedBy('dev-1')).toBe('claude');
    expect(a.startedBy('dev-2')).toBeUndefined();
  });
});
