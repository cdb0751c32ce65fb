/**
 * The hot path from a child's pipe to everyone who reads: store the batch, run detection on it, fold
 * the results into the process snapshot, emit one `logs` event. Cost is per batch plus a small per-line
 * part (prefilters inside the detectors); nothing here can pause a pipe.
 */
import type { ErrorDetector } from '../detect/detector.js';
import type { DetectionUpdate, ErrorRecord } from '../detect/types.js';
import type { UrlTracker } from '../detect/urls.js';
import type { TypedEmitter } from '../events.js';
import type { EngineEvents, JoinedText } from '../engine-api.js';
import type { LogStore } from '../logs/log-store.js';
import {
  hasRareMarker,
  lineHasRareMarker,
  mayMatter,
  mayMatterCommon,
  mayStartReport,
  mayStartReportCommon,
} from '../detect/prefilter.js';
import { classifyLevel } from '../logs/level.js';
import type { LogLevel, LogLine, LogStream } from '../logs/types.js';
import type { ChunkSource } from '../process/child-output.js';
import type { RunAnnotations } from '../process/run-registry.js';
import type { SystemLines } from './system-lines.js';
import type { Readiness } from './readiness.js';

const ESC = 0x1b;
/** The 8-bit CSI. Also a UTF-8 continuation byte, so it only ever causes a harmless per-line check. */
const CSI = 0x9b;
const URL_MARK = '://';

export class OutputPipeline {
  constructor(
    private readonly store: LogStore,
    private readonly detector: ErrorDetector,
    private readonly urls: UrlTracker,
    private readonly runs: RunAnnotations,
    private readonly readiness: Readiness,
    private readonly events: TypedEmitter<EngineEvents>,
    private readonly systemLines: SystemLines,
    private readonly extraStage?: (processId: string, lines: readonly LogLine[]) => void,
  ) {}

  /**
   * One chunk of output lines from one process. `source` (the chunk, when every byte of these lines is
   * in it) lets whole-batch byte searches replace per-line work: no ESC byte → nothing to strip, no
   * `://` → no URL to look for.
   */
  ingest(
    processId: string,
    stream: LogStream,
    raws: string[],
    truncated: boolean[] | undefined,
    source?: ChunkSource,
  ): void {
    if (raws.length === 0) return;
    // One prefilter pass per line serves both the line's level and the detector (which skips it).
    const first = raws[0]!;
    const candidates = new Uint8Array(raws.length);
    const common =
      source !== undefined && !hasRareMarker(source.bytes) && !(source.carried && lineHasRareMarker(first));
    // Marker lines only matter while the process has a record a marker could resolve.
    const markers = this.detector.watchesMarkers(processId);
    const prefilter = markers
      ? common
        ? mayMatterCommon
        : mayMatter
      : common
        ? mayStartReportCommon
        : mayStartReport;
    const classify = (text: string, index: number): LogLevel => {
      if (!prefilter(text)) return 'info';
      candidates[index] = 1;
      return classifyLevel(text);
    };
    const carriedPlain =
      source?.carried !== true || (first.indexOf('\x1b') === -1 && first.indexOf('\x9b') === -1);
    const plain =
      source !== undefined &&
      carriedPlain &&
      source.bytes.indexOf(ESC) === -1 &&
      source.bytes.indexOf(CSI) === -1;
    const region = source?.region;
    const lines = this.store.append(processId, stream, raws, truncated, Date.now(), {
      plain,
      classify,
      joined: source?.joined,
      bytes: region && {
        buf: source!.bytes,
        start: region.start,
        end: region.end,
        firstLine: region.firstLine,
        text: region.text,
      },
    });
    const rawJoined = source?.joined;
    const joined =
      rawJoined === undefined
        ? undefined
        : {
            raw: rawJoined,
            text: this.store.lastStrippedText ?? rawJoined,
            ascii: this.store.lastAscii,
          };
    const mayHaveUrls =
      source === undefined ||
      source.bytes.indexOf(URL_MARK) !== -1 ||
      (source.carried && first.indexOf(URL_MARK) !== -1);
    this.#analyse(processId, lines, candidates, !markers, common, mayHaveUrls, joined);
  }

  /** A line brum writes itself (restart marker, spawn error). Not analysed. */
  system(processId: string, text: string): LogLine {
    return this.systemLines.write(processId, text);
  }

  /**
   * Handling a chunk of a process's output threw (a bug in a stage, or a stage meeting input it cannot
   * handle): the chunk is skipped — what was done with it stays done — and the failure is reported as
   * a system line in that process's log and an error record. Never throws.
   */
  failed(processId: string, error: unknown): void {
    try {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `brum could not process a chunk of this process's output and skipped it: ${reason}`;
      const line = this.system(processId, `brum: ${message}`);
      const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(1, 11) : [];
      const update = this.detector.report(
        processId,
        {
          severity: 'error',
          kind: 'brum',
          code: 'INGEST_FAILED',
          message,
          stack: stack.map((s) => s.trim()),
        },
        line.seq,
        Date.now(),
      );
      this.refreshErrors(processId, update.changed);
    } catch {
      // Reporting failed too (the store itself is broken): nothing safer to do than carry on.
    }
  }

  #analyse(
    processId: string,
    lines: readonly LogLine[],
    candidates: Uint8Array,
    reportsOnly: boolean,
    common: boolean,
    mayHaveUrls: boolean,
    joined?: JoinedText,
  ): void {
    const update = this.detector.ingest(lines, candidates, reportsOnly, common);
    for (const mark of update.levels) this.store.setLevel(mark.seq, mark.level, processId);
    const changed = update.changed;
    let newUrls = false;
    if (mayHaveUrls) {
      for (const line of lines) if (this.urls.add(line).length > 0) newUrls = true;
    }
    this.readiness.onLines(processId, lines);
    if (newUrls) {
      const urls = this.urls.list(processId).map((u) => u.url);
      this.runs.annotate(processId, { urls });
      this.readiness.onUrl(processId);
    }
    if (changed.length > 0) this.refreshErrors(processId, changed);
    this.extraStage?.(processId, lines);
    const first = lines[0];
    const last = lines[lines.length - 1];
    if (first && last)
      this.events.emit('logs', { processId, firstSeq: first.seq, lastSeq: last.seq, lines, joined });
  }

  /** Applies a detection result that did not come from a batch (idle tick, exit, restart). */
  applyDetection(processId: string, update: DetectionUpdate): void {
    for (const mark of update.levels) this.store.setLevel(mark.seq, mark.level);
    if (update.changed.length > 0 || processId !== '') this.refreshErrors(processId, update.changed);
  }

  /** Recomputes the error summary of the processes whose records changed, and tells subscribers. */
  refreshErrors(processId: string, changed: readonly ErrorRecord[]): void {
    const byProcess = new Map<string, ErrorRecord[]>();
    for (const record of changed) {
      const list = byProcess.get(record.processId) ?? [];
      list.push(record);
      byProcess.set(record.processId, list);
    }
    if (byProcess.size === 0) byProcess.set(processId, []);
    for (const [id, records] of byProcess) {
      const { errorCount, lastError } = this.detector.summary(id);
      this.runs.annotate(id, { errorCount, lastError });
      this.events.emit('errors', { processId: id, changed: records });
    }
  }
}
