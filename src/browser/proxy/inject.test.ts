import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { findInsertion, HeadInjector, MAX_HOLD_BYTES } from './inject.js';
import { cspVerdict } from './csp.js';

const TAG = '<script src="/__brum/client.js?s=x" data-brum-client></script>';

async function inject(html: string, chunkSize: number): Promise<string> {
  const chunks: Buffer[] = [];
  const bytes = Buffer.from(html);
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new HeadInjector(TAG))) out.push(chunk as Buffer);
  return Buffer.concat(out).toString();
}

describe('findInsertion', () => {
  it('goes right after <head ...>, past a BOM, comments, doctype and <html>', () => {
    const html = '\ufeff<!DOCTYPE html>\n<!-- <head> in a comment --><?xml x?><HTML lang=en><HEAD class="a">';
    const at = findInsertion(Buffer.from(html).toString('latin1'), false);
    expect(at).toEqual({ at: Buffer.byteLength(html), wrap: false });
  });

  it('wraps the tag in a new head before the first other tag (or text)', () => {
    expect(findInsertion('<!doctype html><body>', true)).toEqual({ at: 15, wrap: true });
    expect(findInsertion('<html><script>x</script>', true)).toEqual({ at: 6, wrap: true });
    expect(findInsertion('<header>', true)).toEqual({ at: 0, wrap: true });
    expect(findInsertion('hello', true)).toEqual({ at: 0, wrap: true });
    expect(findInsertion('', true)).toEqual({ at: 0, wrap: true });
  });

  it('waits for more bytes when the answer is not decidable yet', () => {
    expect(findInsertion('<!doctype html><!-- unfinished', false)).toBeUndefined();
    expect(findInsertion('<hea', false)).toBeUndefined();
    expect(findInsertion('<head class="a"', false)).toBeUndefined();
  });
});

describe('HeadInjector', () => {
  const page = '<!doctype html><html><head><meta charset="utf-8"></head><body>ä ✓</body></html>';
  for (const size of [1, 3, 7, 1024]) {
    it(`inserts exactly once whatever the chunking (${size}-byte chunks)`, async () => {
      expect(await inject(page, size)).toBe(page.replace('<head>', `<head>${TAG}`));
    });
  }

  it('gives up holding after MAX_HOLD_BYTES of prologue and inserts where the bytes end', async () => {
    const comment = `<!--${'x'.repeat(MAX_HOLD_BYTES)}`;
    const out = await inject(`${comment}--><head>`, 4096);
    expect(out.split(TAG)).toHaveLength(2);
  });
});

describe('cspVerdict', () => {
  const origin = new URL('http://127.0.0.1:7601');
  it('allows without a policy, with self, *, http: or a matching host source', () => {
    expect(cspVerdict(undefined, origin)).toEqual({ allowed: true });
    for (const p of [
      "script-src 'self'",
      "default-src 'self'",
      'script-src *',
      'script-src http:',
      'script-src 127.0.0.1:*',
      "img-src 'none'",
    ])
      expect(cspVerdict(p, origin), p).toEqual({ allowed: true });
  });

  it('carries the nonce, also with strict-dynamic', () => {
    expect(cspVerdict("script-src 'nonce-r4nd' 'strict-dynamic'", origin)).toEqual({
      allowed: true,
      nonce: 'r4nd',
    });
  });

  it('says why a policy blocks the client', () => {
    const blocked = (p: string | string[]) => {
      const v = cspVerdict(p, origin);
      return v.allowed ? 'allowed' : v.reason;
    };
    expect(blocked("script-src 'sha256-abc='")).toMatch(/only hashed scripts/);
    expect(blocked("script-src 'self' 'strict-dynamic'")).toMatch(/strict-dynamic' without a nonce/);
    expect(blocked("default-src 'none'")).toMatch(/'none'/);
    expect(blocked('script-src http://localhost:5173')).toMatch(/does not allow this origin/);
    // script-src-elem wins over script-src for a <script src>.
    expect(blocked("script-src 'self'; script-src-elem 'sha256-abc='")).toMatch(/script-src-elem/);
    // Every enforced policy must allow it; two nonces cannot both be carried.
    expect(blocked(["script-src 'self'", "script-src 'sha256-abc='"])).toMatch(/only hashed/);
    expect(blocked(["script-src 'nonce-a'", "script-src 'nonce-b'"])).toMatch(/two different nonces/);
  });
});
