import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyConsentChange,
  consentAt,
  currentConsent,
  NO_CONSENT,
  type ConsentChange,
  type ConsentHistory,
} from './versioned.ts';

const actor = { userId: 'u1', organisationId: 'ngo-1' };

function apply(history: ConsentHistory, change: ConsentChange, at: string): ConsentHistory {
  const r = applyConsentChange(history, change, actor, at);
  if (!r.ok) throw new Error(r.reason);
  return r.history;
}

describe('versioned consent', () => {
  it('starts with no consent at all', () => {
    expect(currentConsent([])).toEqual({
      shareWithOwnEmbassy: false,
      shareWithOrganisationIds: [],
      useInStatistics: false,
      crossOrganisationMatching: false,
      testimonyToMonitoring: false,
    });
  });

  it('appends versions without mutating the previous history', () => {
    const h1 = apply(
      [],
      { shareWithOwnEmbassy: true, addOrganisationIds: ['clinic-9', 'shelter-2'], method: 'verbal' },
      '2026-03-01T08:00:00Z',
    );
    const snapshot = JSON.stringify(h1);
    const h2 = apply(
      h1,
      { removeOrganisationIds: ['clinic-9'], useInStatistics: true, method: 'written' },
      '2026-03-02T08:00:00Z',
    );
    expect(JSON.stringify(h1)).toBe(snapshot);
    expect(h1).toHaveLength(1);
    expect(h2).toHaveLength(2);
    expect(h2[0]).toBe(h1[0]);
    expect(h2.map((v) => v.version)).toEqual([1, 2]);
    expect(currentConsent(h1)).toEqual({
      shareWithOwnEmbassy: true,
      shareWithOrganisationIds: ['clinic-9', 'shelter-2'],
      useInStatistics: false,
      crossOrganisationMatching: false,
      testimonyToMonitoring: false,
    });
    expect(currentConsent(h2)).toEqual({
      shareWithOwnEmbassy: true,
      shareWithOrganisationIds: ['shelter-2'],
      useInStatistics: true,
      crossOrganisationMatching: false,
      testimonyToMonitoring: false,
    });
    expect(h2[1]!.changes).toEqual(['share with organisation clinic-9: no', 'use in statistics: yes']);
    expect(h2[1]).toMatchObject({ method: 'written', actor, at: '2026-03-02T08:00:00.000Z' });
    expect(Object.isFrozen(h2) && Object.isFrozen(h2[1]) && Object.isFrozen(h2[1]!.flags)).toBe(true);
  });

  it('cross-organisation matching is a flag of its own: off until given, versioned, withdrawn like others', () => {
    const h1 = apply([], { useInStatistics: true, method: 'verbal' }, '2026-03-01T00:00:00Z');
    expect(currentConsent(h1).crossOrganisationMatching).toBe(false);
    expect(currentConsent(h1).testimonyToMonitoring).toBe(false);
    const h2 = apply(h1, { crossOrganisationMatching: true, method: 'written' }, '2026-03-02T00:00:00Z');
    expect(h2[1]!.changes).toEqual(['cross-organisation matching: yes']);
    expect(currentConsent(h2)).toMatchObject({ useInStatistics: true, crossOrganisationMatching: true });
    const h3 = apply(h2, { crossOrganisationMatching: false, method: 'verbal' }, '2026-03-03T00:00:00Z');
    expect(currentConsent(h3).crossOrganisationMatching).toBe(false);
    expect(consentAt(h3, '2026-03-02T12:00:00Z').crossOrganisationMatching).toBe(true);
  });

  it('testimony to monitoring is a purpose of its own: off until given, versioned, withdrawn without touching the rest', () => {
    const h1 = apply(
      [],
      { useInStatistics: true, crossOrganisationMatching: true, method: 'verbal' },
      '2026-03-01T00:00:00Z',
    );
    expect(currentConsent(h1).testimonyToMonitoring).toBe(false);
    const h2 = apply(h1, { testimonyToMonitoring: true, method: 'written' }, '2026-03-02T00:00:00Z');
    expect(h2[1]!.changes).toEqual(['testimony to monitoring: yes']);
    expect(currentConsent(h2)).toMatchObject({
      useInStatistics: true,
      crossOrganisationMatching: true,
      testimonyToMonitoring: true,
    });
    const h3 = apply(h2, { testimonyToMonitoring: false, method: 'verbal' }, '2026-03-03T00:00:00Z');
    expect(currentConsent(h3)).toMatchObject({ crossOrganisationMatching: true, testimonyToMonitoring: false });
    expect(consentAt(h3, '2026-03-02T12:00:00Z').testimonyToMonitoring).toBe(true);
    expect(consentAt(h3, '2026-03-01T12:00:00Z').testimonyToMonitoring).toBe(false);
  });

  it('withdrawing embassy consent is a new version, and the old one is still readable at its time', () => {
    const h1 = apply([], { shareWithOwnEmbassy: true, method: 'verbal' }, '2026-03-01T00:00:00Z');
    const h2 = apply(h1, { shareWithOwnEmbassy: false, method: 'verbal' }, '2026-03-05T00:00:00Z');
    expect(currentConsent(h2).shareWithOwnEmbassy).toBe(false);
    expect(consentAt(h2, '2026-03-03T00:00:00Z').shareWithOwnEmbassy).toBe(true);
    expect(consentAt(h2, '2026-02-01T00:00:00Z')).toBe(NO_CONSENT);
    expect(consentAt(h2, '2026-03-05T00:00:00Z').shareWithOwnEmbassy).toBe(false);
  });

  it('refuses no-op, contradictory, blank and back-dated changes', () => {
    const h1 = apply([], { addOrganisationIds: ['a'], method: 'verbal' }, '2026-03-02T00:00:00Z');
    expect(
      applyConsentChange(h1, { addOrganisationIds: ['a'], method: 'verbal' }, actor, '2026-03-03T00:00:00Z'),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/does not alter/) });
    expect(
      applyConsentChange(h1, { removeOrganisationIds: ['zzz'], method: 'verbal' }, actor, '2026-03-03T00:00:00Z').ok,
    ).toBe(false);
    expect(
      applyConsentChange(
        h1,
        { addOrganisationIds: ['b'], removeOrganisationIds: ['b'], method: 'verbal' },
        actor,
        '2026-03-03T00:00:00Z',
      ),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/both add and remove/) });
    expect(
      applyConsentChange(h1, { addOrganisationIds: [' '], method: 'verbal' }, actor, '2026-03-03T00:00:00Z').ok,
    ).toBe(false);
    expect(
      applyConsentChange(h1, { useInStatistics: true, method: 'verbal' }, actor, '2026-03-01T00:00:00Z'),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/before the latest/) });
  });

  it('property: any sequence of changes keeps versions consecutive and the org list sorted and unique', () => {
    const changeArb = fc.record({
      shareWithOwnEmbassy: fc.option(fc.boolean(), { nil: undefined }),
      addOrganisationIds: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 }),
      removeOrganisationIds: fc.array(fc.constantFrom('c', 'd', 'e'), { maxLength: 2 }),
      useInStatistics: fc.option(fc.boolean(), { nil: undefined }),
      method: fc.constantFrom('verbal' as const, 'written' as const),
    });
    fc.assert(
      fc.property(fc.array(changeArb, { maxLength: 12 }), (changes) => {
        let history: ConsentHistory = [];
        changes.forEach((c, day) => {
          const before = history;
          const r = applyConsentChange(history, c, actor, new Date(Date.UTC(2026, 0, day + 1)));
          if (r.ok) history = r.history;
          else expect(history).toBe(before);
        });
        history.forEach((v, i) => expect(v.version).toBe(i + 1));
        for (const v of history) {
          const ids = v.flags.shareWithOrganisationIds;
          expect([...new Set(ids)].sort()).toEqual(ids);
          expect(v.changes.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('consent per nationality', () => {
  const actor = { userId: 'u', organisationId: 'o' };
  it('records which nationalities’ consular services may see a dual national, versioned, and resets to all', () => {
    const first = applyConsentChange(
      [],
      { shareWithOwnEmbassy: true, method: 'verbal' },
      actor,
      '2026-03-01T00:00:00Z',
    );
    expect(first.ok && first.current.flags.embassyNationalities).toBeUndefined();
    if (!first.ok) throw new Error(first.reason);
    const chosen = applyConsentChange(
      first.history,
      { embassyNationalities: ['ph', 'PH'], method: 'written' },
      actor,
      '2026-03-02T00:00:00Z',
    );
    if (!chosen.ok) throw new Error(chosen.reason);
    expect(chosen.current.flags.embassyNationalities).toEqual(['PH']);
    expect(chosen.current.changes).toEqual(['embassy of nationalities: PH']);
    const same = applyConsentChange(
      chosen.history,
      { embassyNationalities: ['PH'], method: 'written' },
      actor,
      '2026-03-03T00:00:00Z',
    );
    expect(same.ok).toBe(false);
    const reset = applyConsentChange(
      chosen.history,
      { embassyNationalities: null, method: 'written' },
      actor,
      '2026-03-03T00:00:00Z',
    );
    expect(reset.ok && reset.current.flags.embassyNationalities).toBeUndefined();
    expect(reset.ok && reset.current.changes).toEqual(['embassy of nationalities: all']);
    const kept = applyConsentChange(
      chosen.history,
      { useInStatistics: true, method: 'written' },
      actor,
      '2026-03-04T00:00:00Z',
    );
    expect(kept.ok && kept.current.flags.embassyNationalities).toEqual(['PH']);
    expect(
      applyConsentChange(
        first.history,
        { embassyNationalities: ['Sierra Leone'], method: 'verbal' },
        actor,
        '2026-03-02T00:00:00Z',
      ).ok,
    ).toBe(false);
  });
});
