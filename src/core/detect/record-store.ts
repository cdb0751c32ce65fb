import { fingerprint } from './fingerprint.js';
import type { Diagnostic } from './parsers/types.js';
import { StampHeap } from './stamp-heap.js';
import type { ErrorListQuery, ErrorRecord } from './types.js';

/** Records kept in total; beyond it the oldest resolved (then oldest) records are dropped. */
export const MAX_RECORDS = 2000;
const MAX_STACK = 50;

/** What a process snapshot shows of its errors: `list({ processId })`'s length and first message. */
export interface ErrorSummary {
  readonly errorCount: number;
  readonly lastError: string | undefined;
}

/** A stored record and its bookkeeping (one per key while the record is kept). */
interface Entry {
  readonly key: string;
  readonly processId: string;
  record: ErrorRecord;
  /** Store clock at its latest occurrence. Store order (insertion order of `#byKey`) is stamp order. */
  stamp: number;
  /** Neighbours in its process's list of current errors (stamp order), while `listed`. */
  prev: Entry | undefined;
  next: Entry | undefined;
  listed: boolean;
}

/** One process's current (unresolved) records, indexed so that no operation scans the others. */
interface ProcessIndex {
  /** kind → its current records, in stamp order (a Set keeps insertion order). */
  readonly byKind: Map<string, Set<Entry>>;
  /** Current records, errors and warnings. */
  current: number;
  /** Current errors (not warnings) as a doubly linked list in stamp order, for `summary`. */
  head: Entry | undefined;
  tail: Entry | undefined;
  errors: number;
  /** True while every listed error's (lastSeen, seqEnd) is ≥ its predecessor's (clocks go forward). */
  ordered: boolean;
}

/**
 * Deduplicated error records. Each record is a frozen object replaced on every change, so a caller
 * holding one never sees it change underneath.
 *
 * Every operation costs O(1) amortised, or O(k) in the records it changes — never a scan of all
 * records: current records are indexed by process and kind (in report order, so "reported before the
 * pass started" is a prefix), each process keeps its current errors in a linked list for its summary,
 * and resolved records wait in a heap ordered by report order for eviction. Only `list` (a query, not
 * the ingest path) looks at everything.
 */
export class RecordStore {
  /** key `${processId}\0${fingerprint}` → entry. Map order = report order (oldest first). */
  readonly #byKey = new Map<string, Entry>();
  readonly #byId = new Map<string, Entry>();
  readonly #procs = new Map<string, ProcessIndex>();
  /** Resolved entries by the stamp they had when resolved (stale ones are skipped when popped). */
  readonly #resolved = new StampHeap<Entry>();
  #nextId = 1;
  #clock = 0;

  constructor(private readonly maxRecords = MAX_RECORDS) {}

  /**
   * Advances on every `record`: a record whose `stampOf` is greater than a value read from `clock`
   * was reported after that moment.
   */
  get clock(): number {
    return this.#clock;
  }

  /** Adds an occurrence: a new record, or the existing one with count+1 (reopened if it was resolved). */
  record(processId: string, d: Diagnostic, seqStart: number, seqEnd: number, ts: number): ErrorRecord {
    const fp = fingerprint(d);
    const key = `${processId}\0${fp}`;
    let entry = this.#byKey.get(key);
    const prev = entry?.record;
    const stack = d.stack.length > MAX_STACK ? d.stack.slice(0, MAX_STACK) : d.stack;
    const next: ErrorRecord = Object.freeze({
      id: prev?.id ?? `err-${this.#nextId++}`,
      processId,
      severity: d.severity,
      kind: d.kind,
      code: d.code,
      message: d.message,
      file: d.file,
      line: d.line,
      column: d.column,
      stack: Object.isFrozen(stack) ? stack : Object.freeze(stack.slice()),
      firstSeen: prev?.firstSeen ?? ts,
      lastSeen: ts,
      count: (prev?.count ?? 0) + 1,
      seqStart,
      seqEnd,
      resolved: false,
      resolvedAt: undefined,
      fingerprint: fp,
    });
    const proc = this.#proc(processId);
    if (entry === undefined) {
      entry = { key, processId, record: next, stamp: 0, prev: undefined, next: undefined, listed: false };
      this.#byId.set(next.id, entry);
    } else {
      if (!entry.record.resolved) this.#unindex(proc, entry);
      this.#byKey.delete(key); // re-insert: most recently seen last
    }
    entry.record = next;
    entry.stamp = ++this.#clock;
    this.#byKey.set(key, entry);
    this.#index(proc, entry);
    this.#evict();
    return next;
  }

  /**
   * Resolves the current records of a process whose kind is one of `kinds` and that were last reported
   * no later than `reportedBy(kind)` (a `clock` value; Infinity: all of them). Returns the new
   * versions in report order. Cost: O(resolved records + kinds).
   */
  resolveKinds(
    processId: string,
    kinds: readonly string[],
    now: number,
    reportedBy: (kind: string) => number,
  ): ErrorRecord[] {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.current === 0) return [];
    const hits: Entry[] = [];
    for (const kind of kinds) {
      const set = proc.byKind.get(kind);
      if (set === undefined || set.size === 0) continue;
      const limit = reportedBy(kind);
      // Stamp order: the records reported before `limit` are a prefix.
      for (const e of set) {
        if (e.stamp > limit) break;
        hits.push(e);
      }
    }
    return this.#resolveEntries(proc, hits, now, kinds.length > 1);
  }

  /** Resolves every current record of a process (a restart); returns the new versions in report order. */
  resolveAll(processId: string, now: number): ErrorRecord[] {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.current === 0) return [];
    const hits: Entry[] = [];
    for (const set of proc.byKind.values()) for (const e of set) hits.push(e);
    return this.#resolveEntries(proc, hits, now, proc.byKind.size > 1);
  }

  /** True when the process has at least one unresolved record. */
  hasCurrent(processId: string): boolean {
    return (this.#procs.get(processId)?.current ?? 0) > 0;
  }

  /** True when the process has an unresolved record of one of `kinds`. */
  hasCurrentOf(processId: string, kinds: readonly string[]): boolean {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.current === 0) return false;
    for (const kind of kinds) if ((proc.byKind.get(kind)?.size ?? 0) > 0) return true;
    return false;
  }

  /**
   * `list({ processId })`'s length and first record's message, without building the list: O(1) while
   * timestamps go forward (O(current errors of the process) otherwise).
   */
  summary(processId: string): ErrorSummary {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.errors === 0) return { errorCount: 0, lastError: undefined };
    return { errorCount: proc.errors, lastError: newestError(proc)?.record.message };
  }

  get(id: string): ErrorRecord | undefined {
    return this.#byId.get(id)?.record;
  }

  /** Current records first (newest lastSeen first), then resolved ones (newest resolvedAt first). */
  list(query: ErrorListQuery = {}): ErrorRecord[] {
    const current: ErrorRecord[] = [];
    const resolved: ErrorRecord[] = [];
    for (const { record: r } of this.#byKey.values()) {
      if (query.processId !== undefined && r.processId !== query.processId) continue;
      if (r.severity === 'warning' && !query.includeWarnings) continue;
      if (!r.resolved) current.push(r);
      else if (query.includeResolved) resolved.push(r);
    }
    current.sort(byNewest);
    resolved.sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0) || b.seqEnd - a.seqEnd);
    const all = current.concat(resolved);
    return query.limit === undefined ? all : all.slice(0, Math.max(0, query.limit));
  }

  #proc(processId: string): ProcessIndex {
    let proc = this.#procs.get(processId);
    if (proc === undefined) {
      proc = {
        byKind: new Map(),
        current: 0,
        head: undefined,
        tail: undefined,
        errors: 0,
        ordered: true,
      };
      this.#procs.set(processId, proc);
    }
    return proc;
  }

  #resolveEntries(proc: ProcessIndex, hits: Entry[], now: number, sort: boolean): ErrorRecord[] {
    if (sort) hits.sort((a, b) => a.stamp - b.stamp);
    const out: ErrorRecord[] = [];
    for (const e of hits) {
      this.#unindex(proc, e);
      e.record = Object.freeze({ ...e.record, resolved: true, resolvedAt: now });
      this.#resolved.push(e.stamp, e);
      out.push(e.record);
    }
    this.#resolved.compactIfOver(2 * this.#byKey.size + 64, (stamp, e) => this.#isResolvedAt(stamp, e));
    return out;
  }

  /** Adds a current record to its process's indexes (at the end: it was just reported). */
  #index(proc: ProcessIndex, e: Entry): void {
    const kind = e.record.kind;
    let set = proc.byKind.get(kind);
    if (set === undefined) proc.byKind.set(kind, (set = new Set()));
    set.add(e);
    proc.current++;
    if (e.record.severity !== 'error') return;
    const tail = proc.tail;
    if (tail === undefined) {
      proc.head = e;
      proc.ordered = true;
    } else {
      tail.next = e;
      if (byNewest(e.record, tail.record) > 0) proc.ordered = false;
    }
    e.prev = tail;
    e.next = undefined;
    e.listed = true;
    proc.tail = e;
    proc.errors++;
  }

  /** Removes a current record from its process's indexes. */
  #unindex(proc: ProcessIndex, e: Entry): void {
    proc.byKind.get(e.record.kind)?.delete(e);
    proc.current--;
    if (!e.listed) return;
    if (e.prev === undefined) proc.head = e.next;
    else e.prev.next = e.next;
    if (e.next === undefined) proc.tail = e.prev;
    else e.next.prev = e.prev;
    e.prev = e.next = undefined;
    e.listed = false;
    proc.errors--;
  }

  #isResolvedAt(stamp: number, e: Entry): boolean {
    return e.stamp === stamp && e.record.resolved && this.#byKey.get(e.key) === e;
  }

  /** Drops the oldest resolved record (else the oldest) while over `maxRecords`: O(log n) amortised. */
  #evict(): void {
    if (this.#byKey.size <= this.maxRecords) return;
    let victim = this.#resolved.popWhile((stamp, e) => !this.#isResolvedAt(stamp, e));
    victim ??= this.#byKey.values().next().value;
    if (victim === undefined) return;
    this.#byKey.delete(victim.key);
    this.#byId.delete(victim.record.id);
    if (!victim.record.resolved) this.#unindex(this.#procs.get(victim.processId)!, victim);
  }
}

/**
 * Sort order of `list`'s current records: newest lastSeen first, then latest seqEnd. > 0 when `a` is
 * older than `b`, 0 when tied.
 */
function byNewest(a: ErrorRecord, b: ErrorRecord): number {
  return b.lastSeen - a.lastSeen || b.seqEnd - a.seqEnd;
}

/**
 * The record `list({ processId })` puts first: the newest (lastSeen, seqEnd), the earliest reported
 * among equals (the sort is stable over report order). While the list is ordered that is the first of
 * the tail's ties; otherwise one pass finds it (and notices when the list became ordered again).
 */
function newestError(proc: ProcessIndex): Entry | undefined {
  const tail = proc.tail;
  if (tail === undefined) return undefined;
  if (proc.ordered) {
    let e = tail;
    while (e.prev !== undefined && byNewest(e.prev.record, tail.record) === 0) e = e.prev;
    return e;
  }
  let best = proc.head!;
  let ordered = true;
  for (let e = best.next; e !== undefined; e = e.next) {
    if (byNewest(e.record, best.record) < 0) best = e;
    if (byNewest(e.record, e.prev!.record) > 0) ordered = false;
  }
  proc.ordered = ordered;
  return best;
}
