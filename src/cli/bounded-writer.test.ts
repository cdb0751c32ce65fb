import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BoundedWriter } from './bounded-writer.js';

describe('BoundedWriter', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes every batch exactly once and in order through reused slabs, big and non-ASCII ones too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brum-writer-'));
    dirs.push(dir);
    const file = join(dir, 'out');
    const fd = openSync(file, 'w');
    const writer = new BoundedWriter(fd, 64 * 1024 * 1024);
    const expected: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const size = i % 97 === 0 ? 400_000 : 10 + ((i * 7919) % 30_000); // some batches exceed a slab
      const text = `${i} ${(i % 5 === 0 ? 'é€🚀' : 'x').repeat(size / 10)}\n`;
      expected.push(text);
      expect(writer.write(text)).toBe(true);
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await writer.drain();
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(expected.join(''));
  });
});
