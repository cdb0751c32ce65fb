/**
 * npm's failure epilogue is context, not the error (issue 11, item 3): it never ranks above what the
 * program printed, and when the program printed only a plain line, that line is the message.
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines, toLines } from '../../../test/fixtures/output/lines.js';
import { ErrorDetector } from './detector.js';

/** npm 11 in a workspace, as in the trial: the script's own last words, then npm's epilogue. */
const WORKSPACE = `
> api@1.0.0 crash
> node crash.js

boom: db unavailable
npm error Lifecycle script \`crash\` failed with error:
npm error code 1
npm error path /home/dev/app/ws/packages/api
npm error workspace api@1.0.0
npm error location /home/dev/app/ws/packages/api
npm error command failed
npm error command sh -c node crash.js
npm error A complete log of this run can be found in: /home/dev/.npm/_logs/2026-11-27T15_06_34_207Z-debug.log
`;

describe('npm epilogue ranking', () => {
  it('makes the program’s last line the error, with npm’s lines as notes', () => {
    const d = new ErrorDetector();
    d.ingest(toLines(WORKSPACE));
    d.flush('p1');
    const [record, ...rest] = d.list();
    expect(rest).toEqual([]);
    expect(record).toMatchObject({ kind: 'npm', code: '1', message: 'boom: db unavailable' });
    expect(record!.stack).toContain('Lifecycle script `crash` failed with error:');
    expect(d.summary('p1')).toEqual({ errorCount: 1, lastError: 'boom: db unavailable' });
  });

  it('ranks npm’s record below the program’s error although npm reported later', () => {
    const d = new ErrorDetector();
    d.ingest(fixtureLines('npm', 'npm6-script-failed'));
    d.flush('p1');
    const list = d.list();
    expect(list.map((r) => r.kind)).toEqual(['node', 'npm']);
    expect(list[1]!.lastSeen).toBeGreaterThan(list[0]!.lastSeen);
    expect(d.summary('p1')).toEqual({
      errorCount: 2,
      lastError: "Cannot read properties of undefined (reading 'name')",
    });
  });
});
