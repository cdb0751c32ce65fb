import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ChunkPool } from './chunk-pool.js';
import { drainChild } from './child-output.js';
import { IngestQueue } from './ingest-queue.js';

describe('ChunkPool', () => {
  it('copies a chunk into a slot and reuses the slot once released', () => {
    const pool = new ChunkPool({ slotBytes: 16, maxSlots: 2 });
    const chunk = Buffer.from('hello\nworld\n');
    const a = pool.copy(chunk);
    expect(a.bytes.toString()).toBe('hello\nworld\n');
    expect(a.bytes.buffer).not.toBe(chunk.buffer); // a copy: the pipe's buffer can be dropped
    chunk.fill(0);
    expect(a.bytes.toString()).toBe('hello\nworld\n');
    a.release();
    a.release(); // twice is harmless
    expect(pool.freeSlots).toBe(1);
    const b = pool.copy(Buffer.from('again\n'));
    expect(b.bytes.buffer).toBe(a.bytes.buffer); // the same slot
    expect(b.bytes.toString()).toBe('again\n');
    expect(pool.allocatedSlots).toBe(1);
  });

  it('hands back the original chunk when it is too big or every slot is taken', () => {
    const pool = new ChunkPool({ slotBytes: 4, maxSlots: 1 });
    const big = Buffer.from('12345');
    expect(pool.copy(big).bytes).toBe(big);
    const first = pool.copy(Buffer.from('ab'));
    const second = Buffer.from('cd');
    const fallback = pool.copy(second);
    expect(fallback.bytes).toBe(second);
    fallback.release(); // nothing to hand back
    expect(pool.freeSlots).toBe(0);
    first.release();
    expect(pool.freeSlots).toBe(1);
    expect(pool.allocatedSlots).toBe(1);
  });
});

describe('drainChild with pooled chunks', () => {
  it('stores every line of a real flood intact, with every slot back in the pool at the end', async () => {
    const queue = new IngestQueue();
    const n = 200_000;
    const script = `let s='';for(let i=0;i<${n};i++){s+='line '+i+' '+'x'.repeat(i%97)+'\\n';if(s.length>50000){process.stdout.write(s);s=''}}process.stdout.write(s)`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let next = 0;
    let bad = 0;
    const exit = await drainChild(
      child,
      (_stream, lines) => {
        for (const line of lines) {
          if (line !== `line ${next} ${'x'.repeat(next % 97)}`) bad += 1;
          next += 1;
        }
      },
      64 * 1024,
      queue,
    );
    expect(exit.exitCode).toBe(0);
    expect(bad).toBe(0);
    expect(next).toBe(n);
    expect(queue.chunks.allocatedSlots).toBeGreaterThan(0);
    expect(queue.chunks.freeSlots).toBe(queue.chunks.allocatedSlots);
  });
});
