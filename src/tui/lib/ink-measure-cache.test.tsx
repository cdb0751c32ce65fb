import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { boundInkMeasureCache } from './ink-measure-cache.js';

const ORIGINAL_SET = Map.prototype.set;

function Rows({ texts }: { texts: readonly string[] }) {
  return (
    <Box flexDirection="column">
      {texts.map((text, i) => (
        <Text key={i}>{text}</Text>
      ))}
    </Box>
  );
}

describe('boundInkMeasureCache', () => {
  it("finds Ink's measure cache during the first frame, puts Map#set back, and empties the cache past its bound", () => {
    // Texts this process never drew, so that Ink measures (and caches) them now.
    const run = `${process.pid}-${Date.now()}`;
    const bound = boundInkMeasureCache(50);
    const app = render(<Rows texts={[`first frame ${run}`]} />);
    bound.settle();
    expect(bound.found).toBe(true);
    expect(Map.prototype.set).toBe(ORIGINAL_SET);

    // An uptime-like text that changes every frame adds one entry each time.
    for (let i = 0; i < 120; i++) app.rerender(<Rows texts={[`uptime ${run} ${i}s`]} />);
    const dropped = bound.trim();
    expect(dropped).toBeGreaterThanOrEqual(120);
    expect(bound.trim()).toBe(0); // emptied: nothing over the bound any more

    // Ink keeps drawing correctly from an emptied cache.
    app.rerender(<Rows texts={[`after ${run}`, 'second row']} />);
    expect(app.lastFrame()).toBe(`after ${run}\nsecond row`);
    app.unmount();
  });

  it('puts Map#set back when settled without having found anything, and then bounds nothing', () => {
    const bound = boundInkMeasureCache(1);
    const map = new Map<string, number>();
    map.set('not a size', 1);
    bound.settle();
    expect(Map.prototype.set).toBe(ORIGINAL_SET);
    expect(bound.found).toBe(false);
    expect(bound.trim()).toBe(0);
    expect(map.get('not a size')).toBe(1);
  });
});
