/**
 * Failures of brum itself that must not vanish: a front-end listener that throws, an automatic restart
 * that fails, a change notification that could not be sent. Each one becomes a system line in the log
 * and an error record: in the log and error list of the process it concerns, else in brum's own
 * (`BRUM_LOG_ID`), so `logs_stream`, `errors_list`, the TUI and headless output all show it.
 *
 * Bounded: a failure that repeats (a listener that throws on every batch) is written once per
 * `REPEAT_MS` with the number of repeats since; reporting a failure never reports the failures it causes
 * itself (a listener that throws on the report's own line is counted, not reported in a loop).
 */

/** The log (and error list) of brum itself, for failures that concern no one process. Never a run id. */
export const BRUM_LOG_ID = 'brum';

const REPEAT_MS = 10_000;
/** Distinct failures remembered for the repeat count; beyond it the oldest is forgotten. */
const MAX_REMEMBERED = 200;
const MAX_STACK_LINES = 12;

export interface Fault {
  /** What failed, as a phrase: `automatic restart`, `a listener of "logs" events`. */
  readonly what: string;
  readonly message: string;
  readonly stack: readonly string[];
  /** How many times it happened since it was last written (0 the first time). */
  readonly repeats: number;
}

/** Where faults go: the engine writes the line and the record. */
export type FaultSink = (processId: string, fault: Fault) => void;

export class FaultReporter {
  readonly #seen = new Map<string, { at: number; repeats: number }>();
  #reporting = false;

  constructor(
    private readonly sink: FaultSink,
    private readonly now: () => number,
  ) {}

  report(what: string, error: unknown, processId: string = BRUM_LOG_ID): void {
    const message = describeError(error);
    const key = `${processId}\0${what}\0${message}`;
    const now = this.now();
    const seen = this.#seen.get(key);
    if (this.#reporting || (seen !== undefined && now - seen.at < REPEAT_MS)) {
      if (seen) seen.repeats += 1;
      else this.#remember(key, { at: -Infinity, repeats: 1 });
      return;
    }
    this.#remember(key, { at: now, repeats: 0 });
    this.#reporting = true;
    try {
      this.sink(processId, { what, message, stack: stackOf(error), repeats: seen?.repeats ?? 0 });
    } catch {
      // The log itself failed: nothing is left to tell. Never throw into the code that reported.
    } finally {
      this.#reporting = false;
    }
  }

  #remember(key: string, entry: { at: number; repeats: number }): void {
    this.#seen.delete(key);
    this.#seen.set(key, entry);
    if (this.#seen.size > MAX_REMEMBERED) this.#seen.delete(this.#seen.keys().next().value!);
  }
}

/** The system line for a fault. */
export function faultLine(fault: Fault): string {
  const repeats =
    fault.repeats > 0 ? ` (${fault.repeats} more time${fault.repeats === 1 ? '' : 's'} since)` : '';
  return `brum: ${fault.what} failed: ${fault.message}${repeats}`;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}`;
  return String(error);
}

function stackOf(error: unknown): readonly string[] {
  if (!(error instanceof Error) || error.stack === undefined) return [];
  return error.stack
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('at '))
    .slice(0, MAX_STACK_LINES);
}
