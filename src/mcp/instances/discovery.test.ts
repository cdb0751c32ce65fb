import { describe, expect, it } from 'vitest';
import { matchInstance, type LiveInstance } from './discovery.js';

const instance = (pid: number, projectDir: string, projectName: string, startedAt = pid): LiveInstance => ({
  id: String(pid),
  pid,
  projectDir,
  projectName,
  port: 7000 + pid,
  token: 't',
  startedAt,
  version: '1',
  url: `http://127.0.0.1:${7000 + pid}/mcp`,
});

describe('matchInstance', () => {
  const all = [instance(11, '/w/web', 'acme-web'), instance(12, '/w/api', 'acme-api')];
  it('finds by id, directory (relative to cwd too), project name and folder name', () => {
    expect(matchInstance(all, '12').ok && matchInstance(all, '12')).toMatchObject({ instance: { pid: 12 } });
    expect(matchInstance(all, '/w/web')).toMatchObject({ ok: true, instance: { pid: 11 } });
    expect(matchInstance(all, '../api', '/w/web')).toMatchObject({ ok: true, instance: { pid: 12 } });
    expect(matchInstance(all, 'ACME-web')).toMatchObject({ ok: true, instance: { pid: 11 } });
    expect(matchInstance(all, 'api')).toMatchObject({ ok: true, instance: { pid: 12 } });
  });

  it('says what runs when nothing matches, and refuses a name two projects share', () => {
    const miss = matchInstance(all, 'nope');
    expect(miss.ok).toBe(false);
    expect(!miss.ok && miss.message).toMatch(/No running brum matches "nope".*11 acme-web.*12 acme-api/s);
    const twins = [...all, instance(13, '/x/web', 'acme-web')];
    const ambiguous = matchInstance(twins, 'acme-web');
    expect(!ambiguous.ok && ambiguous.message).toMatch(/names 2 running brums/);
  });

  it('with several brums of one project, picks the first listed (newest first from liveInstances)', () => {
    const twice = [instance(21, '/w/web', 'acme-web', 2), instance(20, '/w/web', 'acme-web', 1)];
    expect(matchInstance(twice, 'acme-web')).toMatchObject({ ok: true, instance: { pid: 21 } });
  });
});
