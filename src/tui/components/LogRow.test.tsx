import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../../core/logs/types.js';
import { createTheme } from '../theme.js';
import { LogRow } from './LogRow.js';

function logLine(seq: number, raw: string, stream: LogLine['stream'] = 'stdout'): LogLine {
  // eslint-disable-next-line no-control-regex -- the test strips the colour it put in
  const text = raw.replace(/\u001b\[[0-9;]*m/g, '');
  return { seq, processId: 'p1', stream, ts: 0, raw, text, truncated: false, level: 'info' };
}

afterEach(() => vi.restoreAllMocks());

describe('LogRow', () => {
  it('shows the line, its label and gutter, cut to the width, with the child’s colours kept', () => {
    const theme = createTheme(true);
    const app = render(
      <LogRow
        line={logLine(
          1,
          '\u001b[32mready\u001b[0m in 120 ms, listening on http://localhost:5173/ and more text',
        )}
        label="web"
        labelWidth={5}
        width={40}
        highlighted={false}
        theme={theme}
      />,
    );
    const frame = app.lastFrame() ?? '';
    expect(frame).toContain('\u001b[32mready');
    // eslint-disable-next-line no-control-regex -- compare what the terminal shows
    const shown = frame.replace(/\u001b\[[0-9;]*m/g, '');
    expect(shown.startsWith('web     ready in 120 ms, listening on')).toBe(true);
    expect(shown.length).toBeLessThanOrEqual(40);
    app.unmount();
  });

  it('shows system lines dimmed and stderr marked, with colour off too', () => {
    const app = render(
      <LogRow
        line={logLine(2, 'restarted (#2)', 'system')}
        labelWidth={4}
        width={30}
        highlighted={false}
        theme={createTheme(true)}
      />,
    );
    expect(app.lastFrame()).toContain('restarted (#2)');
    app.rerender(
      <LogRow
        line={logLine(3, 'boom', 'stderr')}
        labelWidth={4}
        width={30}
        highlighted={false}
        theme={createTheme(false)}
      />,
    );
    expect(app.lastFrame()).toBe('! boom');
    app.unmount();
  });

  it('shows `$` sequences of a line as they are', () => {
    const text = 'price: $& then $1 and $$ and $` end';
    for (const stream of ['stdout', 'system'] as const) {
      const app = render(
        <LogRow
          line={logLine(4, text, stream)}
          labelWidth={4}
          width={60}
          highlighted={false}
          theme={createTheme(false)}
        />,
      );
      expect(app.lastFrame()).toContain(text);
      app.unmount();
    }
  });

  // Ink 6 remembers the size of every distinct text it measures, forever (ink#986): a row must be
  // measured as its blank, or following a flood grows that map by every line shown.
  it('does not let Ink measure (and keep) the text of each line it shows', () => {
    const measured: string[] = [];
    const set = Map.prototype.set;
    vi.spyOn(Map.prototype, 'set').mockImplementation(function (this: Map<unknown, unknown>, key, value) {
      const isSize = typeof value === 'object' && value !== null && 'width' in value && 'height' in value;
      if (isSize && typeof key === 'string' && key.includes('distinct line')) measured.push(key);
      return set.call(this, key, value);
    });
    const theme = createTheme(true);
    const row = (i: number) => (
      <LogRow
        line={logLine(i, `\u001b[33mdistinct line ${i}\u001b[0m`)}
        label="api"
        labelWidth={4}
        width={60}
        highlighted={false}
        theme={theme}
      />
    );
    const app = render(row(0));
    for (let i = 1; i <= 200; i++) app.rerender(row(i));
    expect(app.lastFrame()).toContain('distinct line 200');
    expect(measured).toEqual([]);
    app.unmount();
  });
});
