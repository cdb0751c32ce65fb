import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../../test/tui/helpers/fake-engine.js';
import { collectSummary, formatTuiSummary } from './summary.js';

describe('summary', () => {
  it('reports final statuses, current errors with file:line, and URLs', async () => {
    const engine = new FakeEngine('/p', ['dev']);
    const dev = engine.start('dev').process;
    engine.urlList = [{ processId: dev.id, url: 'http://localhost:3000/', firstSeen: 1, seq: 1 }];
    engine.errorList = [
      {
        id: 'e',
        processId: dev.id,
        severity: 'error',
        kind: 'typescript',
        code: 'TS2322',
        message: 'Type mismatch',
        file: 'src/a.ts',
        line: 3,
        column: 7,
        stack: [],
        firstSeen: 1,
        lastSeen: 2,
        count: 2,
        seqStart: 1,
        seqEnd: 1,
        resolved: false,
        fingerprint: 'x',
      },
    ];
    await engine.shutdown();
    const summary = collectSummary(engine);
    expect(summary.processes[0]).toMatchObject({ id: 'dev-1', status: 'stopped' });
    const text = formatTuiSummary(summary);
    expect(text).toMatch(/dev-1\s+stopped/);
    expect(text).toContain('src/a.ts:3:7  typescript TS2322: Type mismatch (×2) [dev-1]');
    expect(text).toContain('http://localhost:3000/ [dev-1]');
  });
});
