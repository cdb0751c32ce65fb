/** The `process_id` argument of the read tools: a process id or a script name (its latest run). */
import * as z from 'zod';
import type { Engine } from '../../../core/engine-api.js';

export const processRef = z
  .string()
  .optional()
  .describe('a process id such as "dev-1", or a script name (its latest run)');

/** Resolves an id-or-name to a process id: `undefined` when none was given, `null` when it names nothing. */
export function resolveProcess(
  engine: Pick<Engine, 'get'>,
  ref: string | undefined,
): string | undefined | null {
  if (ref === undefined) return undefined;
  return engine.get(ref)?.id ?? null;
}

export const unknownProcess = (ref: string): string =>
  `No process or script run "${ref}". Call scripts_status to see process ids, or leave process_id out for all processes.`;
