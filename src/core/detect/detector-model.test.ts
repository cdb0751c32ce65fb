/**
 * Resolution and dedup against the obvious implementation. `RecordStore` and the detector's pass
 * markers are indexed (by process, kind and report order) so that no line costs a scan of all records;
 * the reference model below is the naive implementation they replaced, kept verbatim in spirit: one
 * insertion-ordered map of records, a scan with a filter to resolve, a scan to evict, a set of
 * fingerprints per kind for "reported in this pass". Random interleavings of errors (several processes,
 * kinds, severities, repeats), pass markers (some about named files only), restarts and exits must give the same records, counts,
 * ids, order, resolved set, per-call changes and process summaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../logs/types.js';
import { ErrorDetector } from './detector.js';
import { fingerprint } from './fingerprint.js';
import { MARKERS, sameFile } from './markers.js';
import type { MarkerRule } from './markers.js';
import type { Block, Diagnostic, Parser } from './parsers/types.js';
import { mayMatter, mayStartReport } from './prefilter.js';
import type { ErrorListQuery, ErrorRecord } from './types.js';

// ---- The reference: the store and marker logic as they were before indexing -----------------------

class NaiveRecordStore {
  readonly #byKey = new Map<string, ErrorRecord>();
  readonly #byId = new Map<string, string>();
  readonly #current = new Map<string, number>();
  #nextId = 1;

  constructor(private readonly maxRecords: number) {}

  record(processId: string, d: Diagnostic, seqStart: number, seqEnd: number, ts: number): ErrorRecord {
    const fp = fingerprint(d);
    const key = `${processId}\0${fp}`;
    const prev = this.#byKey.get(key);
    const stack = d.stack.length > 50 ? d.stack.slice(0, 50) : d.stack;
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
    if (prev) this.#byKey.delete(key);
    if (!prev || prev.resolved) this.#bump(processId, 1);
    this.#byKey.set(key, next);
    this.#byId.set(next.id, key);
    this.#evict();
    return next;
  }

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

/** The detector's resolution as it was: every marker line runs every rule, `seen` sets per kind. */
class NaiveResolution {
  readonly store: NaiveRecordStore;
  readonly #seen = new Map<string, Map<string, Set<string>>>();

  constructor(maxRecords: number) {
    this.store = new NaiveRecordStore(maxRecords);
  }

  /** One line of a process: markers first, then (when the line is a report) its records. */
  line(processId: string, line: LogLine, out: Map<string, ErrorRecord>): void {
    const text = line.text;
    for (const rule of MARKERS) {
      if (text.includes(rule.hint) && rule.test.test(text))
        this.#applyMarker(processId, rule, text, line.ts, out);
    }
    const diags = parse(text);
    if (diags === undefined) return;
    for (const d of diags) {
      const record = this.store.record(processId, d, line.seq, line.seq, line.ts);
      out.set(record.id, record);
      const seen = this.#seenOf(processId);
      let set = seen.get(d.kind);
      if (!set) seen.set(d.kind, (set = new Set()));
      set.add(record.fingerprint);
    }
  }

  restart(processId: string, now: number, out: Map<string, ErrorRecord>): void {
    this.#seenOf(processId).clear();
    for (const r of this.store.resolve(processId, now, () => true)) out.set(r.id, r);
  }

  #seenOf(processId: string): Map<string, Set<string>> {
    let seen = this.#seen.get(processId);
    if (!seen) this.#seen.set(processId, (seen = new Map()));
    return seen;
  }

  #applyMarker(
    processId: string,
    rule: MarkerRule,
    text: string,
    now: number,
    out: Map<string, ErrorRecord>,
  ): void {
    const seen = this.#seenOf(processId);
    // A marker about some files leaves the records of other files alone.
    const files = rule.files?.(text);
    const named = (r: ErrorRecord) =>
      files === undefined || r.file === undefined || files.some((f) => sameFile(r.file!, f));
    const survivors = new Map<string, Set<string> | undefined>();
    for (const kind of rule.kinds) {
      survivors.set(kind, rule.action === 'cycle-end' ? seen.get(kind) : undefined);
      seen.delete(kind);
    }
    if (!this.store.hasCurrent(processId)) return;
    const resolved = this.store.resolve(
      processId,
      now,
      (r) => survivors.has(r.kind) && named(r) && !(survivors.get(r.kind)?.has(r.fingerprint) ?? false),
    );
    for (const r of resolved) out.set(r.id, r);
  }
}

// ---- Synthetic reports: `error <json>` lines, read by one test parser for both sides ----------------

const KINDS = ['typescript', 'vitest', 'jest', 'webpack', 'vite', 'esbuild', 'next', 'node'] as const;
const MESSAGES = ['boom', 'bad value at 0x1f', 'timeout after 20ms', 'timeout after 35ms', 'x  y'];
const MARKER_LINES = [
  'Found 2 errors. Watching for file changes.',
  'Found 0 errors. Watching for file changes.',
  ' Test Files  1 failed | 2 passed (3)',
  'Test Suites: 1 failed, 1 total',
  'webpack 5.101.0 compiled successfully in 120 ms',
  'webpack compiled with 2 errors in 80 ms',
  '12:00:01 PM [vite] (client) hmr update /src/App.tsx',
  '12:00:02 PM [vite] page reload src/main.ts',
  '12:00:03 PM [vite] (client) hmr update /src/f1.ts, /src/index.css',
  '12:00:04 PM [vite] (client) hmr update /src/f2.ts, /src/f3.ts (x3)',
  '12:00:05 PM [vite] page reload src/f3.ts',
  '[vite] page reload .mcp.json',
  // Same file names in other folders, bare names, Windows separators (the store indexes file names
  // and their last two segments: these must find exactly what a scan would).
  '12:00:06 PM [vite] (client) hmr update /lib/f1.ts',
  '12:00:07 PM [vite] page reload /f1.ts',
  '12:00:08 PM [vite] page reload f2.ts',
  '12:00:09 PM [vite] (client) hmr update /app/src/f1.ts, /pkg/lib/f1.ts',
  '12:00:10 PM [vite] (client) hmr update src\\f1.ts',
  'built in 320ms',
  ' ✓ Compiled in 41ms',
  // One line that several rules match.
  '[vite] page reload (built in 3s, compiled successfully, Found 1 error. Watching for file changes)',
];

interface DiagSpec {
  readonly kind: number;
  readonly warning: boolean;
  readonly message: number;
  readonly file: number;
  readonly line: number;
}

const FILES = [
  'src/f1.ts',
  'src/f2.ts',
  '/home/u/app/src/f3.ts',
  'lib/f1.ts',
  'f2.ts',
  'pkg\\lib\\f1.ts',
  'file:///app/src/f1.ts',
];

function toDiagnostic(s: DiagSpec): Diagnostic {
  return {
    severity: s.warning ? 'warning' : 'error',
    kind: KINDS[s.kind]!,
    message: MESSAGES[s.message]!,
    // f3 is absolute, as Vite and Node print files; the others relative, as tsc does; then files of
    // the same names in other folders, at the top, and with Windows separators.
    file: s.file === 0 ? undefined : FILES[s.file - 1],
    line: s.file === 0 ? undefined : s.line,
    stack: [`at f (src/f${s.file}.ts:${s.line}:1)`],
  };
}

/** The diagnostics an `error <json>` line reports (one line: a single one, or a block of several). */
function parse(text: string): Diagnostic[] | undefined {
  if (!text.startsWith('error ')) return undefined;
  return (JSON.parse(text.slice(6)) as DiagSpec[]).map(toDiagnostic);
}

/** Reports one diagnostic as a finished record, several as a block that ends at the next line. */
const modelParser: Parser = {
  name: 'model',
  start(text) {
    const diags = parse(text);
    if (diags === undefined) return undefined;
    if (diags.length === 1) return diags[0];
    const block: Block = { next: () => 'end', finish: () => diags };
    return block;
  },
};

const diagSpec = fc.record({
  kind: fc.nat(KINDS.length - 1),
  warning: fc.boolean(),
  message: fc.nat(MESSAGES.length - 1),
  file: fc.nat(FILES.length),
  line: fc.integer({ min: 1, max: 2 }),
});
const lineSpec = fc.oneof(
  { weight: 5, arbitrary: diagSpec.map((d) => `error ${JSON.stringify([d])}`) },
  {
    weight: 1,
    arbitrary: fc.array(diagSpec, { minLength: 2, maxLength: 3 }).map((d) => `error ${JSON.stringify(d)}`),
  },
  { weight: 3, arbitrary: fc.constantFrom(...MARKER_LINES) },
  { weight: 1, arbitrary: fc.constant('GET /api/items 200 in 3ms') },
);
const op = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('batch' as const),
      p: fc.nat(2),
      lines: fc.array(lineSpec, { minLength: 1, maxLength: 6 }),
      // Clocks mostly go forward; sometimes not (the summary must not rely on it).
      dt: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }) },
        { weight: 1, arbitrary: fc.integer({ min: -30, max: -1 }) },
      ),
      // Prefiltered by the detector, by the caller, or as the pipeline does (markers only when watched).
      prefilter: fc.constantFrom('detector' as const, 'caller' as const, 'pipeline' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('restart' as const), p: fc.nat(2) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('exit' as const), p: fc.nat(2) }) },
);

function merge(target: Map<string, ErrorRecord>, records: readonly ErrorRecord[]): void {
  for (const r of records) target.set(r.id, r);
}

describe('ErrorDetector resolution and dedup vs the naive reference', () => {
  it('same records, counts, ids, order, resolved set, changes and summaries on random interleavings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 2, max: 12 }), fc.constant(2000)),
        fc.array(op, { minLength: 1, maxLength: 60 }),
        (maxRecords, ops) => {
          const real = new ErrorDetector({ parsers: [modelParser], maxRecords });
          const ref = new NaiveResolution(maxRecords);
          let seq = 1;
          let ts = 1_000;
          for (const o of ops) {
            const processId = `p${o.p}`;
            const realChanged = new Map<string, ErrorRecord>();
            const refChanged = new Map<string, ErrorRecord>();
            if (o.type === 'batch') {
              ts += o.dt;
              const lines: LogLine[] = o.lines.map((text, i) => ({
                seq: seq++,
                processId,
                stream: 'stdout',
                ts: ts + i,
                raw: text,
                text,
                truncated: false,
                level: 'info',
              }));
              const reportsOnly = o.prefilter === 'pipeline' && !real.watchesMarkers(processId);
              const test = reportsOnly ? mayStartReport : mayMatter;
              const candidates =
                o.prefilter === 'detector'
                  ? undefined
                  : Uint8Array.from(lines, (l) => (test(l.text) ? 1 : 0));
              merge(realChanged, real.ingest(lines, candidates, reportsOnly).changed);
              merge(realChanged, real.flush(processId).changed);
              for (const line of lines) ref.line(processId, line, refChanged);
            } else if (o.type === 'restart') {
              merge(realChanged, real.processRestarted(processId, ts).changed);
              ref.restart(processId, ts, refChanged);
            } else {
              merge(realChanged, real.processExited(processId, 1, ts).changed);
            }
            expect([...realChanged.values()]).toEqual([...refChanged.values()]);
            const all = { includeResolved: true, includeWarnings: true };
            const expected = ref.store.list(all);
            expect(real.list(all)).toEqual(expected);
            for (const r of expected) expect(real.get(r.id)).toEqual(r);
            for (const p of ['p0', 'p1', 'p2']) {
              const current = ref.store.list({ processId: p });
              expect(real.list({ processId: p })).toEqual(current);
              expect(real.summary(p)).toEqual({ errorCount: current.length, lastError: current[0]?.message });
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
