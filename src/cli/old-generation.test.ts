import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireFreshBuild } from '../../test/helpers/built.js';
import { repoPath } from '../../test/helpers/engine.js';

describe('limitOldGenerationGrowth in a real process', () => {
  requireFreshBuild();
  const probe = (percent: string, nodeFlags: string[] = []): number => {
    const out = execFileSync(
      process.execPath,
      [
        ...nodeFlags,
        repoPath('test/fixtures/procs/old-generation.mjs'),
        repoPath('dist/cli/old-generation.js'),
        percent,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    return (JSON.parse(out) as { max: number }).max;
  };

  it('keeps the old space near its live size where V8 alone lets promoted garbage pile up', () => {
    const free = probe('none');
    const limited = probe('50');
    expect(limited).toBeLessThan(free * 0.6);
  });

  it("leaves a user's own --heap-growing-percent alone", () => {
    // node's command line names the flag (with V8's default, 0: dynamic), so the 50% is not applied.
    const free = probe('none');
    expect(probe('50', ['--heap-growing-percent=0'])).toBeGreaterThan(free * 0.6);
  });
});
