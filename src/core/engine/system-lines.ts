/**
 * Lines brum writes into a process's log itself (restart markers, spawn errors, notes from readiness
 * and supervision, faults): stored like output and announced with one `logs` event. Its own object, so
 * everything that writes such a line can be built before the output pipeline that also does.
 */
import type { EngineEvents } from '../engine-api.js';
import type { TypedEmitter } from '../events.js';
import type { LogStore } from '../logs/log-store.js';
import type { LogLine } from '../logs/types.js';

export class SystemLines {
  constructor(
    private readonly store: LogStore,
    private readonly events: TypedEmitter<EngineEvents>,
  ) {}

  /** Appends `text` to the log of `processId` and tells subscribers. */
  readonly write = (processId: string, text: string): LogLine => {
    const line = this.store.appendSystem(processId, text);
    this.events.emit('logs', { processId, firstSeq: line.seq, lastSeq: line.seq, lines: [line] });
    return line;
  };
}
