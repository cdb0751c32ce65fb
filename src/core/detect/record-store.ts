import { fingerprint } from './fingerprint.js';
import type { Diagnostic } from './parsers/types.js';
import type { ErrorListQuery, ErrorRecord } from './types.js';

/** Records kept in total; beyond it the oldest resolved (then oldest) records are dropped. */
export const MAX_RECORDS = 2000;
const MAX_STACK = 50;

/**
 * Deduplicated error records. Each record is a frozen object replaced on every change, so a caller
 * holding one never sees it change underneath.
 */
export class RecordStore {
  /** key `${processId}\0${fingerprint}` → latest record. Map order = insertion order (oldest first). */
  readonly #byKey = new Map<string, ErrorRecord>();
  readonly #byId = new Map<string, string>();
  /** processId → number of unresolved records, so markers can skip the scan when nothing is open. */
  readonly #current = new Map<string, number>();
  #nextId = 1;

  constructor(private readonly maxRecords = MAX_RECORDS) {}

  /** Adds an occurrence: a new record, or the existing one with count+1 (reopened if it was resolved). */
  record(processId: string, d: Diagnostic, seqStart: number, seqEnd: number, ts: number): ErrorRecord {
    const fp = fingerprint(d);
    const key = `${processId}\0${fp}`;
    const prev = this.#byKey.get(key);
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
      stack: Object.freeze([...stack]),
      firstSeen: prev?.firstSeen ?? ts,
      lastSeen: ts,
      count: (prev?.count ?? 0) + 1,
      seqStart,
      seqEnd,
      resolved: false,
      resolvedAt: undefined,
      fingerprint: fp,
    });
    if (prev) this.#byKey.delete(key); // re-insert: most recently seen last
    if (!prev || prev.resolved) this.#bump(processId, 1);
    this.#byKey.set(key, next);
    this.#byId.set(next.id, key);
    this.#evict();
    return next;
  }

  /** Resolves the current records of a process that match `filter`; returns the new versions. */
  resolve(processId: string, now: number, filter: (r: ErrorRecord) => boolean): ErrorRecord[] {
    const out: ErrorRecord[] = [];
    for (const [key, r] of this.#byKey) {
      if (r.processId !== processId || r.resolved || !filter(r)) continue;
      const next = Object.freeze({ ...r, resolved: true, resolvedAt: now });
      this.#byKey.set(key, next);
      out.push(next);
    }
    this.#bump(processId, -out.length);
    return out;
  }

  /** Drops every record of a process. */
  forget(processId: string): void {
    for (const [key, r] of this.#byKey) {
      if (r.processId !== processId) continue;
      this.#byKey.delete(key);
      this.#byId.delete(r.id);
    }
    this.#current.delete(processId);
  }

  /** True when the process has at least one unresolved record. */
  hasCurrent(processId: string): boolean {
    return (this.#current.get(processId) ?? 0) > 0;
  }

  #bump(processId: string, by: number): void {
    if (by !== 0) this.#current.set(processId, (this.#current.get(processId) ?? 0) + by);
  }

  get(id: string): ErrorRecord | undefined {
    const key = this.#byId.get(id);
    return key === undefined ? undefined : this.#byKey.get(key);
  }

  /** Current records first (newest lastSeen first), then resolved ones (newest resolvedAt first). */
  list(query: ErrorListQuery = {}): ErrorRecord[] {
    const current: ErrorRecord[] = [];
    const resolved: ErrorRecord[] = [];
    for (const r of this.#byKey.values()) {
      if (query.processId !== undefined && r.processId !== query.processId) continue;
      if (r.severity === 'warning' && !query.includeWarnings) continue;
      if (!r.resolved) current.push(r);
      else if (query.includeResolved) resolved.push(r);
    }
    current.sort((a, b) => b.lastSeen - a.lastSeen || b.seqEnd - a.seqEnd);
    resolved.sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0) || b.seqEnd - a.seqEnd);
    const all = current.concat(resolved);
    return query.limit === undefined ? all : all.slice(0, Math.max(0, query.limit));
  }

  #evict(): void {
    if (this.#byKey.size <= this.maxRecords) return;
    let victim: string | undefined;
    for (const [key, r] of this.#byKey) {
      if (r.resolved) {
        victim = key;
        break;
      }
    }
    victim ??= this.#byKey.keys().next().value;
    if (victim === undefined) return;
    const r = this.#byKey.get(victim);
    this.#byKey.delete(victim);
    if (r) {
      this.#byId.delete(r.id);
      if (!r.resolved) this.#bump(r.processId, -1);
    }
  }
}
