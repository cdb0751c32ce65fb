import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findProjectRoot } from './project-root.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'brum-root-'));
  made.push(root);
  writeFileSync(join(root, 'package.json'), '{"scripts":{"dev":"vite"}}');
  mkdirSync(join(root, 'src', 'components'), { recursive: true });
  mkdirSync(join(root, 'packages', 'web', 'src'), { recursive: true });
  writeFileSync(join(root, 'packages', 'web', 'package.json'), '{"name":"web"}');
  mkdirSync(join(root, 'tools'), { recursive: true });
  writeFileSync(join(root, 'tools', '.brum.toml'), '[commands.x]\nrun = "true"\n');
  return root;
}

describe('findProjectRoot (issue 11: brum in a subdirectory)', () => {
  it('walks up from a subdirectory to the nearest package.json, like npm', () => {
    const root = project();
    expect(findProjectRoot(join(root, 'src', 'components'))).toEqual({ dir: root, walkedUp: true });
    expect(findProjectRoot(join(root, 'packages', 'web', 'src'))).toEqual({
      dir: join(root, 'packages', 'web'),
      walkedUp: true,
    });
  });

  it('stays in a folder that is a project itself', () => {
    const root = project();
    expect(findProjectRoot(root)).toEqual({ dir: root, walkedUp: false });
    expect(findProjectRoot(join(root, 'tools'))).toEqual({ dir: join(root, 'tools'), walkedUp: false });
  });
});
