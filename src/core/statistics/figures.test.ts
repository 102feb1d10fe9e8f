import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, RISK_LEVELS } from '../vocabulary.ts';
import { coordinationFigures, homeFigures, type PersonGroup } from './figures.ts';
import { MINIMUM_CELL, type PublishedCount } from './suppression.ts';
import { recoverByDifferencing, type AdditiveLine } from './differencing.ts';

const g = (
  nationality: string,
  status: PersonGroup['status'],
  n: number,
  extra: Partial<PersonGroup> = {},
): PersonGroup => ({ nationality, status, risk: status ? 'medium' : null, recent: false, n, ...extra });

describe('coordinationFigures (exact: own records)', () => {
  it('counts per nationality and names the bottleneck (a tie goes to documents)', () => {
    const f = coordinationFigures(
      [
        g('ID', 'awaiting_documents', 2),
        g('ID', 'awaiting_travel', 1),
        g('ID', 'repatriated', 1),
        g('VN', 'awaiting_travel', 1),
        g('VN', 'lost_contact', 1),
        g('MM', 'open', 1),
        g('KE', 'awaiting_documents', 1),
        g('KE', 'awaiting_travel', 1),
        g('multiple', 'awaiting_travel', 1),
        g('unknown', null, 1),
      ],
      'exact',
    );
    const by = Object.fromEntries(f.rows.map((r) => [r.nationality, r]));
    expect(by.ID).toEqual({
      nationality: 'ID',
      registered: 4,
      awaiting_documents: 2,
      awaiting_travel: 1,
      repatriated: 1,
      lost_contact: 0,
      bottleneck: 'documents',
    });
    expect(by.VN).toMatchObject({ registered: 2, bottleneck: 'travel' });
    expect(by.MM?.bottleneck).toBe('none');
    expect(by.KE?.bottleneck).toBe('documents');
    expect(by.unknown?.registered).toBe(1);
    expect(f.totals).toEqual({
      registered: 11,
      awaiting_documents: 3,
      awaiting_travel: 4,
      repatriated: 1,
      lost_contact: 1,
    });
    expect(f.minimumCell).toBeNull();
  });
});

describe('homeFigures', () => {
  it('exact: people, cases, high risk and top nationalities as they are', () => {
    const f = homeFigures(
      [
        g('PH', 'open', 2, { recent: true, risk: 'high' }),
        g('PH', null, 1),
        g('ID', 'closed', 1, { risk: 'critical' }),
      ],
      'exact',
    );
    expect(f).toMatchObject({
      survivors: 4,
      registeredLast7Days: 2,
      cases: 3,
      highRisk: 3,
      casesByStatus: { open: 2, closed: 1 },
      casesByRisk: { high: 2, critical: 1 },
      minimumCell: null,
    });
    expect(f.topNationalities).toEqual([
      { nationality: 'PH', count: 3 },
      { nationality: 'ID', count: 1 },
    ]);
  });
  it('suppressed: a person who is a cell of one is never a published number; a rare nationality is not named', () => {
    const f = homeFigures(
      [g('PH', 'open', 30, { recent: true }), g('PH', 'awaiting_travel', 14), g('TO', 'open', 1)],
      'suppressed',
    );
    expect(f.survivors).toBe(45);
    // PH (44) is hidden as the complement of the pooled row of one: with the total of 45 published, it would give that
    // one away.
    expect(f.topNationalities).toEqual([]);
    expect(JSON.stringify(f)).not.toMatch(/TO/);
    const c = coordinationFigures(
      [g('PH', 'open', 30), g('PH', 'awaiting_travel', 14), g('TO', 'open', 1)],
      'suppressed',
    );
    expect(c.rows.map((r) => r.nationality)).toEqual(['PH', 'other']);
    expect(c.rows[1]!.registered).toBe('suppressed');
  });
});

/* ---------- property: the two views together leak no small cell ---------- */

const groupArb = fc.record({
  nationality: fc.constantFrom('ID', 'PH', 'VN', 'TO', 'multiple', 'unknown'),
  status: fc.constantFrom(...CASE_STATUSES, null),
  risk: fc.constantFrom(...RISK_LEVELS, null),
  recent: fc.boolean(),
  n: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 8, max: 40 })),
});

describe('homeFigures and coordinationFigures together (property)', () => {
  it('publish no count in (0, k), publish true values; subtraction across both views recovers nothing hidden', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { maxLength: 25 }), (groups) => {
        const home = homeFigures(groups, 'suppressed');
        const coord = coordinationFigures(groups, 'suppressed');
        const figures = new Map<string, PublishedCount>();
        figures.set('survivors', home.survivors);
        figures.set('cases', home.cases);
        figures.set('highRisk', home.highRisk);
        figures.set('recent', home.registeredLast7Days);
        for (const s of CASE_STATUSES) figures.set(`status.${s}`, home.casesByStatus[s] ?? 0);
        for (const r of RISK_LEVELS) figures.set(`risk.${r}`, home.casesByRisk[r] ?? 0);
        const stages = ['registered', 'awaiting_documents', 'awaiting_travel', 'repatriated', 'lost_contact'] as const;
        for (const r of coord.rows) for (const c of stages) figures.set(`${r.nationality}.${c}`, r[c]);
        for (const c of stages) figures.set(`total.${c}`, coord.totals[c]);
        for (const v of figures.values()) if (v !== 'suppressed') expect(v === 0 || v >= MINIMUM_CELL).toBe(true);
        // Truth checks on published values.
        const everyone = groups.reduce((a, x) => a + x.n, 0);
        if (home.survivors !== 'suppressed') expect(home.survivors).toBe(everyone);
        for (const s of CASE_STATUSES) {
          const v = figures.get(`status.${s}`)!;
          if (v !== 'suppressed') expect(v).toBe(groups.filter((x) => x.status === s).reduce((a, x) => a + x.n, 0));
        }
        // The attacker's lines.
        const lines: AdditiveLine[] = [];
        for (const c of stages)
          lines.push({ members: coord.rows.map((r) => `${r.nationality}.${c}`), total: `total.${c}` });
        lines.push({ members: ['total.registered'], total: 'survivors' });
        for (const s of stages.slice(1)) lines.push({ members: [`total.${s}`], total: `status.${s}` });
        lines.push({ members: CASE_STATUSES.map((s) => `status.${s}`), total: 'cases' });
        lines.push({ members: ['risk.high', 'risk.critical'], total: 'highRisk' });
        const known = recoverByDifferencing(figures, lines);
        for (const [k, v] of figures)
          if (v === 'suppressed') expect(known.has(k), `${k} recovered as ${known.get(k)}`).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});
