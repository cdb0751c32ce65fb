import { detach } from './detach.js';
import { fingerprint } from './fingerprint.js';
import type { Diagnostic } from './parsers/types.js';
import { LinkedList } from './linked-list.js';
import { baseName, lastTwoSegments, markerPath, recordPath, sameFile } from './markers.js';
import type { ListNode } from './linked-list.js';
import { StampHeap } from './stamp-heap.js';
import type { ErrorListQuery, ErrorRecord } from './types.js';

/** Records kept in total; beyond it the oldest resolved (then oldest) records are dropped. */
export const MAX_RECORDS = 2000;
const MAX_STACK = 50;
const NO_STACK: readonly string[] = Object.freeze([]);

/** What a process snapshot shows of its errors: `list({ processId })`'s length and first message. */
export interface ErrorSummary {
  readonly errorCount: number;
  readonly lastError: string | undefined;
}

/** A stored record and its bookkeeping (one per key while the record is kept). */
interface Entry {
  readonly fp: string;
  readonly proc: ProcessIndex;
  /** False once evicted (heap items may still point at it). */
  kept: boolean;
  record: ErrorRecord;
  /** Store clock at its latest occurrence: the store's order (`#order`) is stamp order. */
  stamp: number;
  /** Its place in `#order` (set right after the entry is made). */
  order: ListNode<Entry> | undefined;
  /** Its place in its process's list of current records of its kind, while current. */
  ofKind: ListNode<Entry> | undefined;
  /** Its place in its process's list of current errors, while current and an error. */
  asError: ListNode<Entry> | undefined;
  /** Its place in its process's list of current records of its kind and file name, while current. */
  ofFile: ListNode<Entry> | undefined;
  /** Its place in its file name's list by last two segments, while current and that index exists. */
  ofTail: ListNode<Entry> | undefined;
}

/**
 * A process's current records of one file name. Once a marker names a name that many records share
 * (a monorepo's `index.ts`, one per package), they are also indexed by their file's last two segments
 * (see `lastTwoSegments`): a marker naming `/src/components/index.ts` then looks only at the records
 * of `…/components/index.ts`. The usual name, shared by a few records, spares that map and its keys.
 */
class NameList extends LinkedList<Entry> {
  byTail: Map<string, LinkedList<Entry>> | undefined;
}

/** Records of one file name beyond which a marker naming it goes through `NameList.byTail` (made then). */
const TAIL_INDEX_FROM = 8;

/** One process's current (unresolved) records, indexed so that no operation scans the others. */
interface ProcessIndex {
  /** fingerprint → its kept entry (current or resolved). */
  readonly byFp: Map<string, Entry>;
  /** kind → its current records, in stamp order. */
  readonly byKind: Map<string, LinkedList<Entry>>;
  /**
   * File name (the last path segment) → its current records that name a file of that name, of every
   * kind: a marker names a file or two and resolves one or two kinds, so one lookup per file it names
   * (two for a name many records share).
   */
  readonly byFile: Map<string, NameList>;
  /** kind → its current records that name no file. */
  readonly fileless: Map<string, LinkedList<Entry>>;
  /** Current records, errors and warnings. */
  current: number;
  /** Current errors (not warnings) in stamp order, for `summary`; context errors (npm's) apart. */
  readonly errors: ErrorList;
  readonly context: ErrorList;
}

/** A process's current errors of one rank, in stamp order. */
interface ErrorList {
  readonly list: LinkedList<Entry>;
  /** True while every listed error's (lastSeen, seqEnd) is ≥ its predecessor's (clocks go forward). */
  ordered: boolean;
}

/**
 * Kinds whose records are context, not the error: npm's failure epilogue (`Lifecycle script … failed`,
 * `code 1`) says that the program failed, never why. They rank below every other current record in
 * `list` and in the summary's `lastError`, whenever they were reported.
 */
export const CONTEXT_KINDS: ReadonlySet<string> = new Set(['npm']);

/**
 * Deduplicated error records. Each record is a frozen object replaced on every change, so a caller
 * holding one never sees it change underneath.
 *
 * Every operation costs O(1) amortised, or O(k) in the records it changes — never a scan of all
 * records: current records are indexed by process and kind in report order (so "reported before the
 * pass started" is a prefix), each process keeps its current errors in report order for its summary,
 * and resolved records wait in a heap ordered by report order for eviction. Only `list` (a query, not
 * the ingest path) looks at everything.
 */
export class RecordStore {
  /** Every entry in report order (oldest first): a record moves to the end when reported again. */
  readonly #order = new LinkedList<Entry>();
  readonly #procs = new Map<string, ProcessIndex>();
  /** Resolved entries by the stamp they had when resolved (stale ones are skipped when popped). */
  readonly #resolved = new StampHeap<Entry>();
  #nextId = 1;
  #clock = 0;

  constructor(private readonly maxRecords = MAX_RECORDS) {}

  /**
   * Advances on every `record`: a record last reported after a moment at which `clock` read c has a
   * stamp greater than c.
   */
  get clock(): number {
    return this.#clock;
  }

  /**
   * Adds an occurrence: a new record, or the existing one with count+1 (reopened if it was resolved).
   * `file` replaces the diagnostic's own (the detector's project-relative key for it).
   */
  record(
    processId: string,
    d: Diagnostic,
    seqStart: number,
    seqEnd: number,
    ts: number,
    file: string | undefined = d.file,
  ): ErrorRecord {
    const fp = fingerprint(d, file);
    const proc = this.#proc(processId);
    let entry = proc.byFp.get(fp);
    const prev = entry?.record;
    const stack = d.stack.length > MAX_STACK ? d.stack.slice(0, MAX_STACK) : d.stack;
    const next: ErrorRecord = Object.freeze({
      id: prev?.id ?? `err-${this.#nextId++}`,
      processId,
      severity: d.severity,
      kind: d.kind,
      code: prev?.code ?? detach(d.code),
      message: prev !== undefined && prev.message === d.message ? prev.message : detach(d.message),
      file: prev?.file ?? detach(file),
      line: d.line,
      column: d.column,
      stack: stack.length === 0 ? NO_STACK : Object.freeze(stack.map((frame) => detach(frame))),
      firstSeen: prev?.firstSeen ?? ts,
      lastSeen: ts,
      count: (prev?.count ?? 0) + 1,
      seqStart,
      seqEnd,
      resolved: false,
      resolvedAt: undefined,
      fingerprint: fp,
    });
    if (entry === undefined) {
      entry = {
        fp,
        proc,
        kept: true,
        record: next,
        stamp: 0,
        order: undefined,
        ofKind: undefined,
        asError: undefined,
        ofFile: undefined,
        ofTail: undefined,
      };
      entry.order = this.#order.push(entry);
      proc.byFp.set(fp, entry);
    } else {
      if (!entry.record.resolved) this.#unindex(proc, entry);
      this.#order.moveToEnd(entry.order!); // most recently seen last
    }
    entry.record = next;
    entry.stamp = ++this.#clock;
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
      const list = proc.byKind.get(kind);
      if (list === undefined || list.size === 0) continue;
      const limit = reportedBy(kind);
      // Report order: the records reported no later than `limit` are a prefix.
      for (let n = list.head; n !== undefined && n.value.stamp <= limit; n = n.next) hits.push(n.value);
    }
    return this.#resolveEntries(proc, hits, now, kinds.length > 1);
  }

  /**
   * Resolves the current records of a process whose kind is one of `kinds` and that name one of
   * `files` (see `sameFile`) or no file at all: a rebuild of those files. Returns the new versions in
   * report order. Cost: O(kinds + files + records with those file names).
   */
  resolveFiles(
    processId: string,
    kinds: readonly string[],
    files: readonly string[],
    now: number,
    scope?: string,
  ): ErrorRecord[] {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.current === 0) return [];
    // Markers come by the thousand and most resolve nothing: allocate only once something matches.
    let hits: Entry[] | undefined;
    let any = false;
    for (const kind of kinds) {
      if ((proc.byKind.get(kind)?.size ?? 0) === 0) continue;
      any = true;
      const fileless = proc.fileless.get(kind);
      // Plain loops over the nodes: a generator per list costs more than the lists (usually empty) hold.
      if (fileless !== undefined)
        for (let n = fileless.head; n !== undefined; n = n.next) (hits ??= []).push(n.value);
    }
    if (!any) return [];
    for (const file of files) {
      const named = markerPath(file);
      const names = proc.byFile.get(baseName(named));
      if (names === undefined) continue;
      // A path of two segments or more lies in the records of its last two (bare names: all of them).
      const tail = names.size > TAIL_INDEX_FROM ? lastTwoSegments(named) : undefined;
      const list = tail === undefined ? names : tailIndex(names).get(tail);
      if (list === undefined) continue;
      for (let n = list.head; n !== undefined; n = n.next) {
        const e = n.value;
        // A file named twice in one marker must not resolve its record twice.
        if (!kinds.includes(e.record.kind) || !sameFile(e.record.file!, file, scope)) continue;
        if (!(hits ??= []).includes(e)) hits.push(e);
      }
    }
    return hits === undefined ? [] : this.#resolveEntries(proc, hits, now, true);
  }

  /** Resolves every current record of a process (a restart); returns the new versions in report order. */
  resolveAll(processId: string, now: number): ErrorRecord[] {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.current === 0) return [];
    const hits: Entry[] = [];
    for (const list of proc.byKind.values()) for (const e of list) hits.push(e);
    return this.#resolveEntries(proc, hits, now, proc.byKind.size > 1);
  }

  /**
   * Resolves the records of a process with these fingerprints, those still current (a source outside
   * the output decided they are gone: a browser tab that reloaded without reproducing them). Returns
   * the new versions in report order. Cost: O(fingerprints).
   */
  resolveFingerprints(processId: string, fingerprints: Iterable<string>, now: number): ErrorRecord[] {
    const proc = this.#procs.get(processId);
    if (proc === undefined || proc.current === 0) return [];
    const hits: Entry[] = [];
    for (const fp of new Set(fingerprints)) {
      const e = proc.byFp.get(fp);
      if (e !== undefined && !e.record.resolved) hits.push(e);
    }
    return hits.length === 0 ? [] : this.#resolveEntries(proc, hits, now, true);
  }

  /** Drops every record of a process (its run was pruned): O(its records). */
  forget(processId: string): void {
    const proc = this.#procs.get(processId);
    if (proc === undefined) return;
    for (const e of proc.byFp.values()) {
      e.kept = false; // heap items that still point at it are skipped when popped
      this.#order.remove(e.order!);
    }
    this.#procs.delete(processId);
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
    if (proc === undefined) return { errorCount: 0, lastError: undefined };
    const errorCount = proc.errors.list.size + proc.context.list.size;
    if (errorCount === 0) return { errorCount: 0, lastError: undefined };
    const first = newestError(proc.errors) ?? newestError(proc.context);
    return { errorCount, lastError: first?.record.message };
  }

  /** A query, not on the ingest path: one pass over the kept records (at most `maxRecords`). */
  get(id: string): ErrorRecord | undefined {
    for (const { record } of this.#order) if (record.id === id) return record;
    return undefined;
  }

  /** Current records first (newest lastSeen first), then resolved ones (newest resolvedAt first). */
  list(query: ErrorListQuery = {}): ErrorRecord[] {
    const current: ErrorRecord[] = [];
    const resolved: ErrorRecord[] = [];
    for (const { record: r } of this.#order) {
      if (query.processId !== undefined && r.processId !== query.processId) continue;
      if (r.severity === 'warning' && !query.includeWarnings) continue;
      if (!r.resolved) current.push(r);
      else if (query.includeResolved) resolved.push(r);
    }
    current.sort(byRank);
    resolved.sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0) || b.seqEnd - a.seqEnd);
    const all = current.concat(resolved);
    return query.limit === undefined ? all : all.slice(0, Math.max(0, query.limit));
  }

  #proc(processId: string): ProcessIndex {
    let proc = this.#procs.get(processId);
    if (proc === undefined) {
      proc = {
        byFp: new Map(),
        byKind: new Map(),
        byFile: new Map(),
        fileless: new Map(),
        current: 0,
        errors: { list: new LinkedList(), ordered: true },
        context: { list: new LinkedList(), ordered: true },
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
      e.record = resolvedCopy(e.record, now);
      this.#resolved.push(e.stamp, e);
      out.push(e.record);
    }
    this.#resolved.compactIfOver(2 * this.#order.size + 64, (stamp, e) => this.#isResolvedAt(stamp, e));
    return out;
  }

  /** Adds a current record to its process's indexes (at the end: it was just reported). */
  #index(proc: ProcessIndex, e: Entry): void {
    const kind = e.record.kind;
    let list = proc.byKind.get(kind);
    if (list === undefined) proc.byKind.set(kind, (list = new LinkedList()));
    e.ofKind = list.push(e);
    const file = e.record.file;
    if (file === undefined) {
      let files = proc.fileless.get(kind);
      if (files === undefined) proc.fileless.set(kind, (files = new LinkedList()));
      e.ofFile = files.push(e);
    } else {
      const name = baseName(file);
      let names = proc.byFile.get(name);
      if (names === undefined) proc.byFile.set(name, (names = new NameList()));
      e.ofFile = names.push(e);
      if (names.byTail !== undefined) e.ofTail = pushTail(names.byTail, e);
    }
    proc.current++;
    if (e.record.severity !== 'error') return;
    const errors = CONTEXT_KINDS.has(kind) ? proc.context : proc.errors;
    const tail = errors.list.tail;
    if (tail === undefined) errors.ordered = true;
    else if (byNewest(e.record, tail.value.record) > 0) errors.ordered = false;
    e.asError = errors.list.push(e);
  }

  /** Removes a current record from its process's indexes. */
  #unindex(proc: ProcessIndex, e: Entry): void {
    if (e.ofKind !== undefined) proc.byKind.get(e.record.kind)?.remove(e.ofKind);
    e.ofKind = undefined;
    const file = e.record.file;
    if (e.ofFile !== undefined) {
      const index: Map<string, LinkedList<Entry>> = file === undefined ? proc.fileless : proc.byFile;
      const key = file === undefined ? e.record.kind : baseName(file);
      const files = index.get(key);
      files?.remove(e.ofFile);
      if (files?.size === 0) index.delete(key);
      const byTail = (files as NameList | undefined)?.byTail;
      if (e.ofTail !== undefined && byTail !== undefined) {
        const tail = tailOf(file!);
        const same = byTail.get(tail);
        same?.remove(e.ofTail);
        if (same?.size === 0) byTail.delete(tail);
      }
    }
    e.ofFile = undefined;
    e.ofTail = undefined;
    proc.current--;
    if (e.asError === undefined) return;
    (CONTEXT_KINDS.has(e.record.kind) ? proc.context : proc.errors).list.remove(e.asError);
    e.asError = undefined;
  }

  #isResolvedAt(stamp: number, e: Entry): boolean {
    return e.kept && e.stamp === stamp && e.record.resolved;
  }

  /** Drops the oldest resolved record (else the oldest) while over `maxRecords`: O(log n) amortised. */
  #evict(): void {
    if (this.#order.size <= this.maxRecords) return;
    const victim =
      this.#resolved.popWhile((stamp, e) => !this.#isResolvedAt(stamp, e)) ?? this.#order.head?.value;
    if (victim === undefined) return;
    victim.kept = false;
    victim.proc.byFp.delete(victim.fp);
    this.#order.remove(victim.order!);
    if (!victim.record.resolved) this.#unindex(victim.proc, victim);
  }
}

/** The key of a record's file in `NameList.byTail`: its last two segments, or its name. */
function tailOf(file: string): string {
  const path = recordPath(file);
  return lastTwoSegments(path) ?? baseName(path);
}

/** `names.byTail`, made on first use (a name many records share, named by a marker). */
function tailIndex(names: NameList): Map<string, LinkedList<Entry>> {
  if (names.byTail === undefined) {
    const byTail = (names.byTail = new Map<string, LinkedList<Entry>>());
    for (let n = names.head; n !== undefined; n = n.next) n.value.ofTail = pushTail(byTail, n.value);
  }
  return names.byTail;
}

/** Appends `e` to its list in `byTail` (made on first use). */
function pushTail(byTail: Map<string, LinkedList<Entry>>, e: Entry): ListNode<Entry> {
  const tail = tailOf(e.record.file!);
  let list = byTail.get(tail);
  if (list === undefined) byTail.set(tail, (list = new LinkedList()));
  return list.push(e);
}

/** `{ ...r, resolved: true, resolvedAt: now }`, frozen; spelled out because a spread costs ~5× more. */
function resolvedCopy(r: ErrorRecord, now: number): ErrorRecord {
  return Object.freeze({
    id: r.id,
    processId: r.processId,
    severity: r.severity,
    kind: r.kind,
    code: r.code,
    message: r.message,
    file: r.file,
    line: r.line,
    column: r.column,
    stack: r.stack,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    count: r.count,
    seqStart: r.seqStart,
    seqEnd: r.seqEnd,
    resolved: true,
    resolvedAt: now,
    fingerprint: r.fingerprint,
  });
}

/** `list`'s order of current records: context kinds last, otherwise `byNewest`. */
function byRank(a: ErrorRecord, b: ErrorRecord): number {
  return Number(CONTEXT_KINDS.has(a.kind)) - Number(CONTEXT_KINDS.has(b.kind)) || byNewest(a, b);
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
function newestError(proc: ErrorList): Entry | undefined {
  const tail = proc.list.tail;
  if (tail === undefined) return undefined;
  if (proc.ordered) {
    let n = tail;
    while (n.prev !== undefined && byNewest(n.prev.value.record, tail.value.record) === 0) n = n.prev;
    return n.value;
  }
  let best = proc.list.head!;
  let ordered = true;
  for (let n = best.next; n !== undefined; n = n.next) {
    if (byNewest(n.value.record, best.value.record) < 0) best = n;
    if (byNewest(n.value.record, n.prev!.value.record) > 0) ordered = false;
  }
  proc.ordered = ordered;
  return best.value;
}
