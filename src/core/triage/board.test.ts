import { describe, expect, it } from 'vitest';
import { AGE_BANDS, NEED_KINDS, NEED_PRIORITIES, RISK_LEVELS } from '../vocabulary.ts';
import { createRng } from '../random.ts';
import { matchesTriageFilters, orderTriageBoard, TRIAGE_SHORTCUTS } from './board.ts';
import { compareNeedsByUrgency, type TriageNeed } from './urgency.ts';

const need = (over: Partial<TriageNeed> & { id: string }): TriageNeed => ({
  kind: 'shelter',
  priority: 'normal',
  status: 'open',
  createdAt: '2026-03-01T00:00:00Z',
  survivor: { ageBand: '25_34', nationalities: ['ID'], locationKind: 'shelter' },
  caseRisk: 'low',
  ...over,
});

describe('triage filters', () => {
  const n = need({
    id: 'n',
    kind: 'food',
    survivor: { ageBand: 'under_18', nationalities: ['VN', 'KH'], locationKind: 'street' },
  });
  it('empty filters match everything', () => {
    expect(matchesTriageFilters(n, {})).toBe(true);
    expect(matchesTriageFilters(n, { needKinds: [], nationalities: [], locationKinds: [], ageBands: [] })).toBe(true);
  });
  it('each filter restricts; values within a filter are alternatives', () => {
    expect(matchesTriageFilters(n, { needKinds: ['food', 'shelter'] })).toBe(true);
    expect(matchesTriageFilters(n, { needKinds: ['shelter'] })).toBe(false);
    expect(matchesTriageFilters(n, { nationalities: ['kh'] })).toBe(true);
    expect(matchesTriageFilters(n, { nationalities: ['ID'] })).toBe(false);
    expect(matchesTriageFilters(n, { locationKinds: ['street'] })).toBe(true);
    expect(matchesTriageFilters(n, { locationKinds: ['shelter'] })).toBe(false);
    expect(matchesTriageFilters(n, { ageBands: ['under_18'] })).toBe(true);
    expect(matchesTriageFilters(n, { ageBands: ['18_24'] })).toBe(false);
  });
  it('filters combine with AND', () => {
    expect(matchesTriageFilters(n, { needKinds: ['food'], nationalities: ['ID'] })).toBe(false);
    expect(matchesTriageFilters(n, { needKinds: ['food'], nationalities: ['VN'], ageBands: ['under_18'] })).toBe(true);
  });
  it('an unknown location or age band does not match a filter on it', () => {
    const blank = need({ id: 'b', survivor: { nationalities: [] } });
    expect(matchesTriageFilters(blank, { locationKinds: ['shelter'] })).toBe(false);
    expect(matchesTriageFilters(blank, { ageBands: ['under_18'] })).toBe(false);
  });
});

describe('orderTriageBoard', () => {
  it('hides met and cancelled needs, orders the rest, leaves input untouched', () => {
    const input = [
      need({ id: 'met', status: 'met', kind: 'medical_urgent' }),
      need({ id: 'low', priority: 'low' }),
      need({ id: 'cancelled', status: 'cancelled' }),
      need({ id: 'med', kind: 'medical_urgent', status: 'in_progress' }),
    ];
    const copy = [...input];
    expect(orderTriageBoard(input).map((x) => x.id)).toEqual(['med', 'low']);
    expect(input).toEqual(copy);
    expect(orderTriageBoard(input, { needKinds: ['shelter'] }).map((x) => x.id)).toEqual(['low']);
  });
});

describe('TRIAGE_SHORTCUTS', () => {
  it('has unique keys, j/k/a and / bound, and a digit for every need kind', () => {
    const keys = TRIAGE_SHORTCUTS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    const action = (k: string) => TRIAGE_SHORTCUTS.find((s) => s.key === k)?.action;
    expect([action('j'), action('k'), action('a'), action('/')]).toEqual(['next', 'previous', 'accept', 'search']);
    for (const kind of NEED_KINDS)
      expect(TRIAGE_SHORTCUTS.some((s) => s.action === `toggle_kind:${kind}` && /^[0-9]$/.test(s.key))).toBe(true);
    expect(action('1')).toBe('toggle_kind:medical_urgent');
  });
});

describe('orderTriageBoard agrees with the comparator', () => {
  it('on a seeded random board', () => {
    const rng = createRng(7);
    const needs = Array.from({ length: 500 }, (_, i) =>
      need({
        id: `n${i}`,
        kind: rng.pick(NEED_KINDS),
        priority: rng.pick(NEED_PRIORITIES),
        caseRisk: rng.pick(RISK_LEVELS),
        createdAt: new Date(Date.UTC(2026, 2, 1) + rng.int(24) * 3_600_000).toISOString(),
        survivor: { ageBand: rng.pick(AGE_BANDS), nationalities: ['ID'] },
      }),
    );
    expect(orderTriageBoard(needs).map((n) => n.id)).toEqual([...needs].sort(compareNeedsByUrgency).map((n) => n.id));
  });
});
