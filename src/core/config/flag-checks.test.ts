import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFlags, checkTopLevel, TOP_LEVEL_EXPECTED } from './flag-checks.js';
import { DEFAULT_FLAG_NAMES } from './files.js';
import { fileSchema } from './schema.js';

const KEYS = Object.keys(TOP_LEVEL_EXPECTED) as (keyof typeof TOP_LEVEL_EXPECTED)[];

/** Values near every rule's edges, and of every wrong kind. */
const values = fc.oneof(
  fc.integer({ min: -10, max: 70_000 }),
  fc.constantFrom(0, 1, 1023, 1024, 1025, 65535, 65536, 600_000, 600_001, 1000, 1001, -0, 0.5, 1024.5),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 2 ** 53, Number.MAX_SAFE_INTEGER),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(
    'npm',
    'pnpm',
    'yarn',
    'bun',
    'NPM',
    '',
    '16MiB',
    '512KB',
    '1k',
    '1023',
    '1024',
    ' 2 KiB ',
    '1.5MiB',
  ),
  fc.string(),
  fc.constant(null),
  fc.array(fc.integer()),
  fc.dictionary(fc.string(), fc.integer()),
  fc.date(),
);

describe('checkTopLevel', () => {
  it('accepts, normalises and rejects exactly as the zod file schema does (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), values, (key, value) => {
        const zod = fileSchema.safeParse({ [key]: value });
        const plain = checkTopLevel(key, value);
        expect(plain.ok).toBe(zod.success);
        if (zod.success && plain.ok) expect(plain.value).toEqual((zod.data as Record<string, unknown>)[key]);
        // One difference, in the message only: for an integer beyond ±2^53 in a byte size zod reports its
        // own "Too big" / "Too small: expected int" text; the plain check gives the key's text.
        const zodMessage = zod.error?.issues[0]?.message;
        if (!plain.ok && !/^Too (big|small): expected int/.test(zodMessage ?? ''))
          expect(plain.reason).toBe(zodMessage);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('checkFlags', () => {
  it('names the flag and the kind of value, never a string’s text', () => {
    expect(() => checkFlags({ mcpPort: 'secret' as unknown as number }, DEFAULT_FLAG_NAMES)).toThrow(
      'flag --port: expected an integer port from 0 to 65535, got a string',
    );
    expect(() => checkFlags({ bogus: 1 } as never, DEFAULT_FLAG_NAMES)).toThrow(
      'unknown configuration flag "bogus"',
    );
    expect(
      checkFlags({ logBufferBytes: '1MiB' as unknown as number, mcpPort: undefined }, DEFAULT_FLAG_NAMES),
    ).toEqual({
      logBufferBytes: 1024 * 1024,
    });
  });
});
