import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { requireFreshBuild } from '../../test/helpers/built.js';
import { repoPath } from '../../test/helpers/engine.js';
import { growthFactorFor } from './young-generation.js';

const MiB = 1024 * 1024;

describe('growthFactorFor', () => {
  it('grows a semi-space to the cap in one step and no further', () => {
    expect(growthFactorFor(1 * MiB, 4 * MiB)).toBe(4);
    expect(growthFactorFor(2 * MiB, 4 * MiB)).toBe(2);
    expect(growthFactorFor(3 * MiB, 4 * MiB)).toBe(1);
    expect(growthFactorFor(4 * MiB, 4 * MiB)).toBe(1);
    expect(growthFactorFor(16 * MiB, 4 * MiB)).toBe(1);
    expect(growthFactorFor(0, 4 * MiB)).toBe(1);
  });
});

describe('capYoungGeneration in a real process', () => {
  requireFreshBuild();
  const probe = (cap: string): number => {
    const out = execFileSync(
      process.execPath,
      [repoPath('test/fixtures/procs/young-generation.mjs'), repoPath('dist/cli/young-generation.js'), cap],
      { encoding: 'utf8', timeout: 60_000 },
    );
    return (JSON.parse(out) as { max: number }).max;
  };

  it('keeps the new space at the cap where V8 alone grows it to its maximum', () => {
    expect(probe('none')).toBeGreaterThan(2 * MiB); // the churn does make V8 grow the new space
    expect(probe(String(2 * MiB))).toBeLessThanOrEqual(2 * MiB);
  });
});
