import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBrumError } from '../errors.js';
import type { CommandMessage } from './types.js';
import { MAX_PENDING_COMMANDS } from './commands.js';
import { testBrowserState } from '../../../test/helpers/browser-state.js';

function setup() {
  const state = testBrowserState();
  const sent: { tab: string; command: CommandMessage }[] = [];
  const detach = state.attachCommandPort({
    send: (tab, command) => {
      sent.push({ tab, command });
      return true;
    },
  });
  state.tabConnected({ tab: 't-a', load: 'l-1', url: 'http://127.0.0.1:1/', title: 'a' });
  return { state, sent, detach };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the command channel', () => {
  it('sends a command with an id and resolves with the answer of that tab only', async () => {
    const { state, sent } = setup();
    state.tabConnected({ tab: 't-b', load: 'l-2', url: 'http://127.0.0.1:1/', title: 'b' });
    const pending = state.command('t-a', { type: 'eval', code: '1 + 1' }, 1000);
    expect(sent).toEqual([
      { tab: 't-a', command: { type: 'eval', code: '1 + 1', id: 'c1', timeoutMs: 1000 } },
    ]);
    state.commandAnswered('t-b', { id: 'c1', ok: true, value: 'forged' }); // another tab: ignored
    state.commandAnswered('t-a', { id: 'c1', ok: true, value: 2 });
    expect(await pending).toMatchObject({ id: 'c1', tab: 't-a', load: 'l-1', ok: true, value: 2 });
  });

  it('times out, fails at once when the tab disconnects, and refuses unknown or closed tabs', async () => {
    vi.useFakeTimers();
    const { state } = setup();
    const slow = state.command('t-a', { type: 'reload' }, 200).catch((e: unknown) => e);
    vi.advanceTimersByTime(200);
    expect(isBrumError(await slow, 'COMMAND_TIMEOUT')).toBe(true);
    const cut = state.command('t-a', { type: 'eval', code: 'x' }, 10_000).catch((e: unknown) => e);
    state.tabDisconnected('t-a', 'l-1');
    expect(isBrumError(await cut, 'TAB_DISCONNECTED')).toBe(true);
    expect(
      isBrumError(
        await state.command('t-a', { type: 'reload' }).catch((e: unknown) => e),
        'TAB_DISCONNECTED',
      ),
    ).toBe(true);
    const unknown = await state.command('t-zz', { type: 'reload' }).catch((e: unknown) => e);
    expect(isBrumError(unknown, 'UNKNOWN_TAB')).toBe(true);
  });

  it('a new load of the tab ends the old load’s commands; a detached port fails what waits', async () => {
    const { state, detach } = setup();
    const old = state.command('t-a', { type: 'eval', code: 'x' }, 10_000).catch((e: unknown) => e);
    state.tabConnected({ tab: 't-a', load: 'l-9', url: 'http://127.0.0.1:1/', title: 'a' });
    expect(isBrumError(await old, 'TAB_DISCONNECTED')).toBe(true);
    const waiting = state.command('t-a', { type: 'eval', code: 'x' }, 10_000).catch((e: unknown) => e);
    detach();
    expect(isBrumError(await waiting, 'BROWSER_UNAVAILABLE')).toBe(true);
    expect(
      isBrumError(
        await state.command('t-a', { type: 'reload' }).catch((e: unknown) => e),
        'BROWSER_UNAVAILABLE',
      ),
    ).toBe(true);
  });

  it('bounds the commands waiting for an answer', async () => {
    const { state } = setup();
    const pending = Array.from({ length: MAX_PENDING_COMMANDS }, () =>
      state.command('t-a', { type: 'eval', code: 'x' }, 10_000).catch(() => undefined),
    );
    const refused = await state.command('t-a', { type: 'eval', code: 'x' }).catch((e: unknown) => e);
    expect(isBrumError(refused, 'RESOURCE_EXHAUSTED')).toBe(true);
    state.tabDisconnected('t-a', 'l-1');
    await Promise.all(pending);
  });
});
