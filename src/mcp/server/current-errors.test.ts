/**
 * Issue 11 through MCP with a real engine and real processes: errors_list shows nothing current once a
 * rerun of the script exits cleanly (item 1), and scripts_status's text says why a crashing script
 * was not restarted (item 4).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROCESS_CONFIG } from '../../core/config/types.js';
import { connectModern, textOf, type Connected } from '../../../test/mcp/connect.js';
import { createTestEngine, eventually, shutdownEngines } from '../../../test/helpers/engine.js';

let c: Connected | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  await shutdownEngines();
});

describe('MCP: what is current (issue 11)', () => {
  it('errors_list shows nothing current after a clean rerun of the script', async () => {
    const engine = createTestEngine('test/fixtures/procs');
    c = await connectModern(engine);
    const first = engine.start('tsc-like', { args: ['fail'] }).process;
    await engine.waitFor(first.id, 'exit', 15_000);
    const before = await c.client.callTool({ name: 'errors_list', arguments: {} });
    expect(textOf(before)).toContain('TS2322');
    const second = engine.start('tsc-like').process;
    await engine.waitFor(second.id, 'exit', 15_000);
    const after = await c.client.callTool({ name: 'errors_list', arguments: {} });
    expect(textOf(after)).not.toContain('TS2322');
    expect((after.structuredContent as { errors: unknown[] }).errors).toEqual([]);
  });

  it('scripts_status says why a crashing script was not restarted', async () => {
    const engine = createTestEngine('test/fixtures/procs', {
      scripts: { crash: { ...DEFAULT_PROCESS_CONFIG, restart: 'on-failure', maxRestarts: 1 } },
    });
    c = await connectModern(engine);
    const { process } = engine.start('crash');
    await eventually(() => engine.get(process.id)?.reason?.startsWith('not restarted'), 20_000, 'giving up');
    const status = await c.client.callTool({ name: 'scripts_status', arguments: { name: 'crash' } });
    expect(textOf(status)).toContain(
      'not restarted: 1 restarts in a row without a healthy run (max_restarts = 1)',
    );
  });
});
