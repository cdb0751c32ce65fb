/**
 * Validation of what a page sends (zod). Everything from a page is untrusted data: shapes, sizes and
 * counts are checked here; anything else is refused.
 */
import * as z from 'zod';
import { LIMITS, type PageToBrum } from './wire.js';

const text = (max: number) => z.string().max(max);
const level = z.enum(['debug', 'info', 'warn', 'error']);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const dimension = z.number().int().min(0).max(100_000);

const location = z.object({
  url: text(LIMITS.maxUrlChars),
  line: z.number().int().min(0).max(10_000_000).optional(),
  col: z.number().int().min(0).max(10_000_000).optional(),
});

const event = z.object({
  k: z.enum(['console', 'error', 'network', 'navigation', 'vitals', 'csp']),
  l: level,
  m: text(LIMITS.maxMessageChars + 16),
  ts: z.number().finite(),
  stack: z
    .array(text(LIMITS.maxFrameChars + 16))
    .max(LIMITS.maxStackFrames)
    .optional(),
  src: location.optional(),
  data: z
    .record(text(64), z.union([text(LIMITS.maxUrlChars), z.number(), z.boolean(), z.null()]))
    .refine((d) => Object.keys(d).length <= 20, 'at most 20 data fields')
    .optional(),
  tr: z.boolean().optional(),
});

const hello = z.object({
  t: z.literal('hello'),
  v: z.number().int(),
  tab: id,
  load: id,
  url: text(LIMITS.maxUrlChars),
  title: text(1024),
  ua: text(1024),
  vw: dimension,
  vh: dimension,
  nav: text(32),
  dup: z.boolean(),
});

const events = z.object({
  t: z.literal('events'),
  ev: z.array(event).max(LIMITS.maxEventsPerBatch),
  dropped: z.number().int().min(0).max(1e9),
});

const page = z.object({
  t: z.literal('page'),
  url: text(LIMITS.maxUrlChars).optional(),
  title: text(1024).optional(),
  vw: dimension.optional(),
  vh: dimension.optional(),
});

const result = z.object({
  t: z.literal('result'),
  id,
  ok: z.boolean(),
  value: z.unknown().optional(),
  error: text(LIMITS.maxMessageChars + 16).optional(),
  stack: z
    .array(text(LIMITS.maxFrameChars + 16))
    .max(LIMITS.maxStackFrames)
    .optional(),
  console: z
    .array(z.object({ level, text: text(LIMITS.maxMessageChars + 16) }))
    .max(200)
    .optional(),
  tr: z.boolean().optional(),
});

const message = z.discriminatedUnion('t', [hello, events, page, result]);

export type ParseOutcome = { ok: true; message: PageToBrum } | { ok: false; reason: string };

/** Parses one text frame from a page. Never throws. */
export function parsePageMessage(data: string): ParseOutcome {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = message.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, message: parsed.data as PageToBrum };
}
