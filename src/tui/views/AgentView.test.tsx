import { afterEach, describe, expect, it } from 'vitest';
import { AgentActivity } from '../../core/activity/activity.js';
import type { ClientRef } from '../../core/activity/types.js';
import { FakeEngine } from '../../../test/helpers/fake-engine.js';
import { KEY, renderApp } from '../../../test/tui/helpers/render-app.js';

let app: ReturnType<typeof renderApp> | undefined;
afterEach(() => app?.cleanup());

const claude: ClientRef = {
  id: 'http:claude-code@2.1',
  name: 'claude-code',
  version: '2.1',
  transport: 'http',
};

describe('AgentView', () => {
  it('shows the connected client and its calls, newest first; Enter opens one in full', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    const activity = new AgentActivity();
    activity.clientSeen(claude);
    const first = activity.callStarted(claude, 'scripts_run', {
      name: 'dev',
      wait: 'ready',
      api_key: 'sekrit-123',
    });
    activity.callFinished(first, {
      isError: false,
      text: 'dev-1 running at http://localhost:5173/',
      bytes: 2048,
    });
    const second = activity.callStarted(claude, 'logs_search', { query: 'ECONNREFUSED' });
    activity.callFinished(second, { isError: true, text: 'INVALID_PATTERN: bad regex', bytes: 80 });
    app = renderApp(engine, { activity, initialView: 'agent' });

    const frame = await app.waitForText('logs_search');
    expect(frame).toMatch(/◆ claude-code 2\.1\s+http\s+connected/);
    expect(frame).toContain('2 calls');
    expect(frame.indexOf('logs_search')).toBeLessThan(frame.indexOf('scripts_run  '));
    expect(frame).toMatch(/✖ INVALID_PATTERN: bad regex/);
    expect(frame).toMatch(/scripts_run\s+\d+ ms\s+2\.0 KB\s+name="dev" wait="ready" api_key="••••"/);
    expect(frame).not.toContain('sekrit-123');

    await app.press(KEY.down, KEY.enter);
    const detail = await app.waitForText('Arguments');
    expect(detail).toMatch(/scripts_run — claude-code/);
    expect(detail).toContain('"wait": "ready"');
    expect(detail).toContain('dev-1 running at http://localhost:5173/');
    await app.press(KEY.escape);
    await app.waitForText('TOOL');
  });

  it('the header shows the assistant and a running call; the process it started is marked', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    const activity = new AgentActivity();
    app = renderApp(engine, { activity, initialView: 'processes' });
    expect(app.frame()).not.toContain('◆');
    const seq = activity.callStarted(claude, 'scripts_run', { name: 'dev' });
    await app.waitForText('◆ claude-code ⟳ scripts_run');
    const dev = engine.start('dev').process;
    activity.markStartedBy(dev.id, claude);
    activity.callFinished(seq, { isError: false, text: 'ok', bytes: 2 });
    await app.waitForText('◆ by claude-code');
    // The indicator stays a moment after the call (so a quick one is seen), then goes.
    const frame = await app.waitForText(/◆ claude-code\s+● 1 running/, 3000);
    expect(frame).not.toContain('⟳');
  });

  it('is view 8, after Web and Settings, reached by its number and by Tab from Settings', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    app = renderApp(engine, { activity: new AgentActivity(), initialView: 'settings' });
    expect(app.frame()).toMatch(/6 Web\s+7 Settings\s+8 Agent/);
    await app.press(KEY.tab);
    await app.waitForText('No assistant connected');
    await app.press('1', '8');
    await app.waitForText('No tool calls yet');
  });
});
