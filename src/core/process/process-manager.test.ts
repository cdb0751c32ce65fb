import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TypedEmitter } from '../events.js';
import type { EngineEvents, EngineSnapshot } from '../engine-api.js';
import { ProcessManager } from './process-manager.js';

/**
 * Snapshot consistency: writers change processes in many interleavings while readers hold snapshots.
 * Each write sets `errorCount = n` and `lastError = "e<n>"` together, so a reader that ever saw fields from
 * two moments would find them disagreeing.
 */
function manager() {
  const events = new TypedEmitter<EngineEvents>((error) => {
    throw error; // a test fake: a listener's bug fails the test
  });
  const m = new ProcessManager({
    spawn: () => {
      throw new Error('not spawned in this test');
    },
    events,
    stopGraceMs: 100,
    maxLineBytes: 1024,
    hooks: { onLines: () => {}, onSystemLine: () => {} },
  });
  return { m, events };
}

const register = (m: ProcessManager, name: string) =>
  m.register({ name, kind: 'command', display: name, spawn: { file: name, args: [], cwd: '/', env: {} } });

describe('ProcessManager snapshots', () => {
  it('never shows a reader fields from two moments; revisions strictly increase', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('register' as const), name: fc.constantFrom('a', 'b', 'c', 'd') }),
      fc.record({ kind: fc.constant('write' as const), target: fc.nat(), n: fc.nat(1000) }),
      fc.record({ kind: fc.constant('read' as const) }),
      fc.record({ kind: fc.constant('changes' as const), back: fc.nat(5) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const { m, events } = manager();
        const held: { snap: EngineSnapshot; json: string }[] = [];
        let lastRevision = 0;
        const eventRevisions: number[] = [];
        events.on('process', (e) => eventRevisions.push(e.revision));
        for (const o of ops) {
          if (o.kind === 'register') register(m, o.name);
          else if (o.kind === 'write') {
            const ids = m.snapshot().processes.map((p) => p.id);
            const id = ids[o.target % Math.max(1, ids.length)];
            if (id) m.annotate(id, { errorCount: o.n + 1, lastError: `e${o.n + 1}` });
          } else if (o.kind === 'read') {
            const snap = m.snapshot();
            held.push({ snap, json: JSON.stringify(snap) });
          } else {
            const since = Math.max(0, m.revision - o.back);
            const changes = m.changesSince(since);
            for (const p of changes.processes) expect(p.revision).toBeGreaterThan(since);
            expect(changes.revision).toBe(m.revision);
          }
          expect(m.revision).toBeGreaterThanOrEqual(lastRevision);
          lastRevision = m.revision;
        }
        // Events: one per change, strictly increasing, ending at the current revision.
        for (let i = 1; i < eventRevisions.length; i++)
          expect(eventRevisions[i]).toBe((eventRevisions[i - 1] ?? 0) + 1);
        if (eventRevisions.length > 0) expect(eventRevisions.at(-1)).toBe(m.revision);
        for (const { snap, json } of held) {
          // A held snapshot never changed afterwards, is frozen, and each process in it is self-consistent.
          expect(JSON.stringify(snap)).toBe(json);
          expect(Object.isFrozen(snap)).toBe(true);
          expect(Object.isFrozen(snap.processes)).toBe(true);
          for (const p of snap.processes) {
            expect(Object.isFrozen(p)).toBe(true);
            expect(p.revision).toBeLessThanOrEqual(snap.revision);
            if (p.errorCount > 0) expect(p.lastError).toBe(`e${p.errorCount}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('returns the same frozen snapshot object while nothing changes (cheap for many readers)', () => {
    const { m } = manager();
    register(m, 'a');
    const first = m.snapshot();
    expect(m.snapshot()).toBe(first);
    register(m, 'b');
    expect(m.snapshot()).not.toBe(first);
    expect(first.processes).toHaveLength(1);
  });

  it('addresses a run by id and a script by name (its latest run)', () => {
    const { m } = manager();
    const one = register(m, 'dev');
    const two = register(m, 'dev');
    expect(m.get(one.id)?.id).toBe(one.id);
    expect(m.get('dev')?.id).toBe(two.id);
    expect(one.id).not.toBe(two.id);
  });

  it('ignores an annotation that changes nothing (no new revision)', () => {
    const { m } = manager();
    const a = register(m, 'a');
    m.annotate(a.id, { urls: ['http://localhost:1/'] });
    const revision = m.revision;
    m.annotate(a.id, { urls: ['http://localhost:1/'] });
    expect(m.revision).toBe(revision);
  });
});
