import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGE_BANDS, LOCATION_KINDS, NEED_KINDS, NEED_PRIORITIES, NEED_STATUSES, RISK_LEVELS } from '../vocabulary.ts';
import {
  compareNeedsByUrgency,
  compareSortValues,
  effectivePriority,
  TRIAGE_SORT_KEYS,
  triageSortKeys,
  triageSortValues,
  urgencyRank,
  URGENCY_MESSAGE_KEYS,
  type TriageNeed,
} from './urgency.ts';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const need = (over: Partial<TriageNeed> & { id: string }): TriageNeed => ({
  kind: 'shelter',
  priority: 'normal',
  status: 'open',
  createdAt: new Date(T0).toISOString(),
  survivor: { ageBand: '25_34', nationalities: ['ID'] },
  caseRisk: 'medium',
  ...over,
});
const hoursAgo = (h: number) => new Date(T0 - h * 3_600_000).toISOString();
const ids = (ns: TriageNeed[]) => [...ns].sort(compareNeedsByUrgency).map((n) => n.id);

describe('triage comparator', () => {
  it('medical_urgent comes first even when its priority is low and it is new', () => {
    const order = ids([
      need({ id: 'shelter-urgent-old', priority: 'urgent', createdAt: hoursAgo(48) }),
      need({ id: 'med', kind: 'medical_urgent', priority: 'low', createdAt: hoursAgo(0) }),
    ]);
    expect(order).toEqual(['med', 'shelter-urgent-old']);
  });
  it('then priority, then the longest waiting', () => {
    const order = ids([
      need({ id: 'normal-old', priority: 'normal', createdAt: hoursAgo(30) }),
      need({ id: 'high-new', priority: 'high', createdAt: hoursAgo(1) }),
      need({ id: 'high-old', priority: 'high', createdAt: hoursAgo(5) }),
      need({ id: 'low', priority: 'low', createdAt: hoursAgo(100) }),
    ]);
    expect(order).toEqual(['high-old', 'high-new', 'normal-old', 'low']);
  });
  it('under 18 and critical risk each raise the priority one step, capped at urgent', () => {
    const child = need({ id: 'child', priority: 'normal', survivor: { ageBand: 'under_18', nationalities: ['VN'] } });
    const critical = need({ id: 'crit', priority: 'low', caseRisk: 'critical' });
    const both = need({
      id: 'both',
      priority: 'high',
      caseRisk: 'critical',
      survivor: { ageBand: 'under_18', nationalities: [] },
    });
    expect(effectivePriority(child)).toBe(NEED_PRIORITIES.indexOf('high'));
    expect(effectivePriority(critical)).toBe(NEED_PRIORITIES.indexOf('normal'));
    expect(effectivePriority(both)).toBe(0);
    // A boosted child ties with an unboosted high-priority adult, so waiting time decides.
    const adultHighOld = need({ id: 'adult-high-old', priority: 'high', createdAt: hoursAgo(3) });
    expect(ids([child, adultHighOld])).toEqual(['adult-high-old', 'child']);
    expect(ids([need({ id: 'adult-normal-old', createdAt: hoursAgo(10) }), child])).toEqual([
      'child',
      'adult-normal-old',
    ]);
  });
  it('id breaks exact ties in byte order', () => {
    expect(ids([need({ id: 'b' }), need({ id: 'B' }), need({ id: 'a' })])).toEqual(['B', 'a', 'b']);
  });
});

describe('urgencyRank', () => {
  it('explains tier, boosts and waiting time', () => {
    const r = urgencyRank(
      need({ id: 'x', priority: 'normal', caseRisk: 'critical', createdAt: hoursAgo(26) }),
      new Date(T0),
    );
    expect(r).toMatchObject({
      tier: 1,
      effectivePriority: 1,
      effectivePriorityLabel: 'high',
      boosts: ['critical_risk'],
      waitingMs: 26 * 3_600_000,
    });
    expect(r.explanation).toMatch(/raised from normal: critical risk/);
    expect(r.explanation).toMatch(/waiting 26 h/);
    // The same sentence as a key and values, for the web to word in the reader's language.
    expect(r.explanationMessage).toEqual({
      key: 'triage.urgency_raised',
      params: { needKind: 'shelter', priority: 'high', raisedFrom: 'normal', boosts: ['critical_risk'], hours: 26 },
    });
  });
  it('names urgent medical care by its own key, unraised without boosts', () => {
    const r = urgencyRank(
      need({ id: 'x', kind: 'medical_urgent', priority: 'high', createdAt: hoursAgo(3) }),
      new Date(T0),
    );
    expect(r.explanationMessage).toEqual({
      key: 'triage.urgency_medical',
      params: { needKind: 'medical_urgent', priority: 'high', hours: 3 },
    });
    expect(URGENCY_MESSAGE_KEYS).toContain(r.explanationMessage.key);
  });
  it('a createdAt in the future waits zero, not negative', () => {
    expect(urgencyRank(need({ id: 'x', createdAt: hoursAgo(-2) }), new Date(T0)).waitingMs).toBe(0);
  });
});

describe('sort keys agree with the comparator', () => {
  const needArb: fc.Arbitrary<TriageNeed> = fc.record({
    id: fc.string({ minLength: 1, maxLength: 6 }),
    kind: fc.constantFrom(...NEED_KINDS),
    priority: fc.constantFrom(...NEED_PRIORITIES),
    status: fc.constantFrom(...NEED_STATUSES),
    // A narrow time range so equal createdAt values (ties) are common.
    createdAt: fc.integer({ min: 0, max: 20 }).map((h) => hoursAgo(h)),
    survivor: fc.record({
      ageBand: fc.option(fc.constantFrom(...AGE_BANDS)),
      nationalities: fc.constant(['PH']),
      locationKind: fc.option(fc.constantFrom(...LOCATION_KINDS)),
    }),
    caseRisk: fc.option(fc.constantFrom(...RISK_LEVELS)),
  });
  const uniqueNeeds = fc.uniqueArray(needArb, { selector: (n) => n.id, maxLength: 40 });

  it('sorting by the comparator equals sorting by the sort-key values', () => {
    fc.assert(
      fc.property(uniqueNeeds, (needs) => {
        const byComparator = [...needs].sort(compareNeedsByUrgency).map((n) => n.id);
        const byKeys = needs
          .map((n) => ({ id: n.id, v: triageSortValues(n) }))
          .sort((a, b) => compareSortValues(TRIAGE_SORT_KEYS, a.v, b.v))
          .map((x) => x.id);
        expect(byKeys).toEqual(byComparator);
      }),
      { numRuns: 300 },
    );
  });
  it('pairwise signs agree', () => {
    fc.assert(
      fc.property(needArb, needArb, (a, b) => {
        expect(Math.sign(compareSortValues(TRIAGE_SORT_KEYS, triageSortValues(a), triageSortValues(b)))).toBe(
          Math.sign(compareNeedsByUrgency(a, b)),
        );
      }),
      { numRuns: 500 },
    );
  });
  it('describes the keys in order, each with SQL', () => {
    const keys = triageSortKeys();
    expect(keys.map((k) => k.name)).toEqual(['urgency_tier', 'effective_priority', 'created_at', 'id']);
    for (const k of keys) expect(k.sql.length).toBeGreaterThan(0);
    (keys[0] as { description: string }).description = 'mutated';
    expect(TRIAGE_SORT_KEYS[0]!.description).not.toBe('mutated');
  });
  it('compareSortValues honours desc keys', () => {
    expect(compareSortValues([{ direction: 'desc' }], [1], [2])).toBeGreaterThan(0);
    expect(compareSortValues([{ direction: 'asc' }], ['a'], ['b'])).toBeLessThan(0);
  });
});
