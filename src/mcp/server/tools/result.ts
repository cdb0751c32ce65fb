/**
 * Shaping tool results: every success carries `structuredContent` plus one short readable text
 * block; every domain failure is an `isError` result whose text says how to fix it. Nothing a tool
 * does may throw out of its handler (the SDK would turn it into an opaque message).
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { isBrumError } from '../../../core/errors.js';

/** A successful result: structured data for programs, `text` for people and models reading it. */
export function ok(structured: Record<string, unknown>, text: string): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** A failed action or invalid input, reported in-band so the caller can correct itself. */
export function fail(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** Turns anything thrown by the core into an `isError` result; BrumError codes are kept visible. */
export function failFromError(error: unknown, hint?: string): CallToolResult {
  if (isBrumError(error)) {
    return fail([`${error.code}: ${error.message}`, hint].filter(Boolean).join(' '));
  }
  const message = error instanceof Error ? error.message : String(error);
  return fail(`Internal error: ${message}. This is a bug in brum; the server keeps running.`);
}

/**
 * Runs a handler and converts anything it throws into an `isError` result, so a failing core call
 * can never surface as a bare exception (or take the server down).
 */
export async function guarded(
  run: () => CallToolResult | Promise<CallToolResult>,
  hint?: string,
): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    return failFromError(error, hint);
  }
}

/** The annotations of a tool that only reads state. */
export const READ_ONLY = Object.freeze({
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
});
