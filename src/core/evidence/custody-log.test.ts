import { describe, expect, it } from 'vitest';
import { buildCustodyEntry, CUSTODY_ACTIONS, findCustodyChainBreak, type CustodyEntry } from './custody-log.ts';

describe('custody log', () => {
  const at = (m: number) => `2026-03-14T10:${String(m).padStart(2, '0')}:00Z`;
  function chain(): CustodyEntry[] {
    const entries: CustodyEntry[] = [];
    for (const [i, action] of CUSTODY_ACTIONS.entries()) {
      const r = buildCustodyEntry(
        { evidenceId: 'ev1', actorId: `user-${i}`, action, at: at(i), details: { note: `step ${i}`, n: i } },
        entries.at(-1) ?? null,
      );
      if (!r.ok) throw new Error(r.reason);
      entries.push(r.entry);
    }
    return entries;
  }

  it('builds a hash chain covering every action', () => {
    const entries = chain();
    expect(entries.map((e) => e.action)).toEqual([...CUSTODY_ACTIONS]);
    expect(entries[0]!.previousHash).toBeNull();
    expect(entries[1]!.previousHash).toBe(entries[0]!.hash);
    expect(findCustodyChainBreak(entries)).toBe(-1);
  });

  it('detects an edited, removed or reordered entry', () => {
    const edited = chain();
    edited[2] = { ...edited[2]!, actorId: 'someone-else' };
    expect(findCustodyChainBreak(edited)).toBe(2);
    const removed = chain();
    removed.splice(3, 1);
    expect(findCustodyChainBreak(removed)).toBe(3);
  });

  it('refuses bad input', () => {
    const first = buildCustodyEntry({ evidenceId: 'ev1', actorId: 'u', action: 'ingested', at: at(5) }, null);
    if (!first.ok) throw new Error(first.reason);
    expect(buildCustodyEntry({ evidenceId: 'ev1', actorId: '', action: 'accessed', at: at(6) }, first.entry).ok).toBe(
      false,
    );
    expect(
      buildCustodyEntry({ evidenceId: 'ev1', actorId: 'u', action: 'deleted' as never, at: at(6) }, first.entry).ok,
    ).toBe(false);
    expect(
      buildCustodyEntry({ evidenceId: 'ev1', actorId: 'u', action: 'accessed', at: '14/03/2026' }, first.entry).ok,
    ).toBe(false);
    expect(
      buildCustodyEntry({ evidenceId: 'ev1', actorId: 'u', action: 'accessed', at: at(4) }, first.entry),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/back in time/) });
    expect(buildCustodyEntry({ evidenceId: 'ev2', actorId: 'u', action: 'accessed', at: at(6) }, first.entry).ok).toBe(
      false,
    );
  });
});
