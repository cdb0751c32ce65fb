export type Severity = 'error' | 'warning';

/** What a parser extracts from one block of output; the detector turns it into an `ErrorRecord`. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Tool or language that produced it: `typescript`, `node`, `eslint`, `vite`, `vitest`, `python`, `rust`, `gcc`, `go`, `npm`, ... */
  readonly kind: string;
  /** e.g. `TS2322`, `E0308`, `no-unused-vars`, `TypeError`. */
  readonly code?: string;
  /** One-line message. */
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** Stack frames or notes, one per entry, as printed (stripped). */
  readonly stack: readonly string[];
}

/** One structured error (or warning) detected in a process's output. Identical reports share one record. */
export interface ErrorRecord extends Diagnostic {
  readonly id: string;
  readonly processId: string;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly count: number;
  /** Sequence range of the log lines of its latest occurrence (inclusive), to fetch the raw lines. */
  readonly seqStart: number;
  readonly seqEnd: number;
  readonly resolved: boolean;
  readonly resolvedAt?: number;
  readonly fingerprint: string;
}

export interface UrlRecord {
  readonly processId: string;
  readonly url: string;
  readonly firstSeen: number;
  readonly seq: number;
}

/** Filter for `ErrorDetector.list` (same shape as the engine's `ErrorQuery`). */
export interface ErrorListQuery {
  readonly processId?: string;
  /** Also return resolved records (after the current ones). Default false. */
  readonly includeResolved?: boolean;
  /** Also return warnings. Default false. */
  readonly includeWarnings?: boolean;
  readonly limit?: number;
}

/** What one `ingest` / `tick` / lifecycle call changed. */
export interface DetectionUpdate {
  /** Records that are new, updated (count, lastSeen, stack) or resolved; latest version of each. */
  readonly changed: readonly ErrorRecord[];
  /**
   * Lines that belong to a detected error or warning. A block is reported when it closes, so these may
   * include lines delivered by earlier batches.
   */
  readonly levels: readonly { readonly seq: number; readonly level: Severity }[];
}
