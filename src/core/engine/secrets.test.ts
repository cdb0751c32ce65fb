/**
 * Secrets (issue 11): values brum loaded for a process under secret names (and URL passwords in loaded
 * values) can be masked wherever its output is handed out — the engine knows them, front-ends ask.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MASK } from '../config/mask.js';
import { createLeakyEngine, shutdownEngines } from '../../../test/helpers/engine.js';

afterEach(shutdownEngines);

describe('secrets a script prints', () => {
  it('are masked by maskSecrets in its logs and error records; other text is untouched', async () => {
    const engine = createLeakyEngine();
    const { process } = engine.start('leaky');
    await engine.waitFor(process.id, 'exit', 15_000);
    const lines = engine.tailLogs(process.id, 20).map((l) => l.text);
    expect(lines.join('\n')).toContain('tok-4f9a-secret'); // stored as printed
    const masked = lines.map((t) => engine.maskSecrets(t)).join('\n');
    expect(masked).not.toContain('tok-4f9a-secret');
    expect(masked).not.toContain('pg-pass-77');
    expect(masked).toContain(`using token ${MASK} for postgres://app:${MASK}@db/app`);
    const record = engine.errors({ processId: process.id }).find((r) => r.kind === 'node');
    expect(record?.message).toContain('tok-4f9a-secret');
    expect(engine.maskSecrets(record!.message)).toBe(`auth failed for token ${MASK}`);
    expect(engine.maskSecrets('PORT is 3000')).toBe('PORT is 3000');
  });
});
