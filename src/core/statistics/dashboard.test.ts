import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, CASE_STATUSES, LOCATION_KINDS, NEED_KINDS, SEXES, type CaseStatus } from '../vocabulary.ts';
import {
  dashboardFigures,
  matchesFilter,
  quantile,
  WAIT_STAGES,
  type DashboardFigures,
  type DashboardFilter,
  type DashboardGroup,
  type NeedGroup,
  type WaitGroup,
} from './dashboard.ts';
import { recoverByDifferencing } from './differencing.ts';
import { releaseEntries } from './release.ts';
import { MINIMUM_CELL, SUPPRESSED, type PublishedCount } from './suppression.ts';

const K = MINIMUM_CELL;
const NATIONALITIES = ['ID', 'TH', 'VN', 'PH', 'KE', 'multiple', 'unknown'];
const MONTHS = ['2026-01', '2026-02', '2026-03'];

/** One generated person, aggregated below into the groups the repositories return. */
const person = fc.record({
  nationality: fc.constantFrom(...NATIONALITIES),
  status: fc.option(fc.constantFrom(...CASE_STATUSES, ...WAIT_STAGES), { nil: null }),
  sex: fc.constantFrom(...SEXES),
  ageBand: fc.option(fc.constantFrom(...AGE_BANDS), { nil: null }),
  month: fc.constantFrom(...MONTHS),
  location: fc.constantFrom(...LOCATION_KINDS),
  needs: fc.uniqueArray(fc.constantFrom(...NEED_KINDS), { maxLength: 3 }),
  days: fc.nat({ max: 60 }),
});
type Person = typeof person extends fc.Arbitrary<infer P> ? P : never;
// Plus cohorts of two nationalities in one queue, so that some waiting times are published and others are not.
const cohort = (nationality: string) =>
  fc.array(
    person.map((p) => ({ ...p, nationality, status: 'awaiting_travel' as const })),
    { maxLength: 30 },
  );
const world = fc
  .tuple(fc.array(person, { maxLength: 120 }), cohort('ID'), cohort('TH'))
  .map(([a, b, c]) => [...a, ...b, ...c]);
const filter: fc.Arbitrary<DashboardFilter> = fc.record(
  {
    nationality: fc.subarray(NATIONALITIES.slice(0, 5), { minLength: 1 }),
    sex: fc.subarray([...SEXES], { minLength: 1 }),
    ageBand: fc.subarray([...AGE_BANDS], { minLength: 1 }),
    from: fc.constantFrom(...MONTHS),
    to: fc.constantFrom(...MONTHS),
  },
  { requiredKeys: [] },
);

function groupsOf(people: readonly Person[]) {
  const count = <T extends object>(items: T[]): (T & { n: number })[] => {
    const byKey = new Map<string, T & { n: number }>();
    for (const item of items) {
      const key = JSON.stringify(item);
      const g = byKey.get(key) ?? { ...item, n: 0 };
      g.n += 1;
      byKey.set(key, g);
    }
    return [...byKey.values()];
  };
  const base = (p: Person) => ({ nationality: p.nationality, sex: p.sex, ageBand: p.ageBand, month: p.month });
  return {
    people: count(
      people.map((p) => ({ ...base(p), status: p.status as CaseStatus | null, location: p.location })),
    ) as DashboardGroup[],
    needs: count(people.flatMap((p) => p.needs.map((need) => ({ ...base(p), need })))) as NeedGroup[],
    waits: count(
      people.flatMap((p) =>
        p.status === 'awaiting_documents' || p.status === 'awaiting_travel'
          ? [{ ...base(p), stage: p.status, days: p.days }]
          : [],
      ),
    ) as WaitGroup[],
  };
}

function figures(people: readonly Person[], f: DashboardFilter, disclosure: 'exact' | 'suppressed') {
  return dashboardFigures({
    ...groupsOf(people),
    filter: f,
    disclosure,
    needKinds: NEED_KINDS,
    locationKinds: LOCATION_KINDS,
  });
}

/** Every count and waiting time the figures publish. */
function published(d: DashboardFigures): PublishedCount[] {
  const out: PublishedCount[] = [...releaseEntries(d.release).published.values()];
  for (const r of d.consular.rows) out.push(r.registered, r.awaiting_documents, r.awaiting_travel, r.repatriated);
  for (const t of [d.byNeed, d.byLocation]) if (t) out.push(...t.cells.flat(), ...t.rowTotals);
  return out;
}

describe('the dashboard figures', () => {
  it('takes waiting times at the nearest rank', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([{ days: 3, n: 1 }], 0.9)).toBe(3);
    const tenDays = Array.from({ length: 10 }, (_, i) => ({ days: i + 1, n: 1 }));
    expect(quantile(tenDays, 0.5)).toBe(5);
    expect(quantile(tenDays, 0.9)).toBe(9);
    expect(quantile([...tenDays, { days: 40, n: 1 }], 0.9)).toBe(10);
    expect(
      quantile(
        [
          { days: 2, n: 7 },
          { days: 30, n: 3 },
        ],
        0.9,
      ),
    ).toBe(30);
  });

  it('narrows every exact survivor figure by the same filter (the filters apply to the whole page)', () => {
    fc.assert(
      fc.property(world, filter, (people, f) => {
        const kept = people.filter((p) => matchesFilter(p, f));
        const d = figures(people, f, 'exact');
        expect(d.filtersApplied).toBe(true);
        expect(d.release.total).toBe(kept.length);
        expect(d.consular.totals.registered).toBe(kept.length);
        const sum = (xs: readonly PublishedCount[]) => xs.reduce<number>((a, x) => a + (x as number), 0);
        expect(sum(d.byLocation!.rowTotals)).toBe(kept.length);
        // Over time: every month from the first to the last, a month with nobody in it as a column of zeros.
        const seen = kept.map((p) => MONTHS.indexOf(p.month));
        const span = seen.length ? MONTHS.slice(Math.min(...seen), Math.max(...seen) + 1) : [];
        expect(d.byLocation!.months).toEqual(span);
        for (const [i, need] of d.byNeed!.rows.entries())
          expect(d.byNeed!.rowTotals[i]).toBe(kept.filter((p) => p.needs.includes(need as never)).length);
        for (const stage of WAIT_STAGES) {
          const waiting = kept.filter((p) => p.status === stage);
          expect(d.consular.totals[stage]).toBe(waiting.length);
          const days = waiting.map((p) => p.days).sort((a, b) => a - b);
          expect(d.consular.totalWaits[stage].median).toBe(days.length ? days[Math.ceil(days.length / 2) - 1] : null);
          expect(d.consular.totalWaits[stage].p90).toBe(days.length ? days[Math.ceil(days.length * 0.9) - 1] : null);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('across organisations ignores the filters, so two filtered answers cannot be differenced into a small cell', () => {
    fc.assert(
      fc.property(world, filter, filter, (people, f1, f2) => {
        const a = figures(people, f1, 'suppressed');
        const b = figures(people, f2, 'suppressed');
        expect(a.filtersApplied).toBe(false);
        // Identical answers: every difference between them is 0.
        expect(b).toEqual(a);
        expect(a).toEqual(figures(people, {}, 'suppressed'));
      }),
      { numRuns: 100 },
    );
  });

  it('across organisations publishes no small count, no recoverable cell, no location, and waits only beside k', () => {
    let shownSomewhere = false;
    fc.assert(
      fc.property(world, (people) => {
        const d = figures(people, {}, 'suppressed');
        expect(d.minimumCell).toBe(K);
        for (const v of published(d)) expect(v === SUPPRESSED || v === 0 || v >= K, String(v)).toBe(true);
        expect(d.byLocation).toBeNull();
        // Each need row is its own table (rows overlap): its months and its total must not give a hidden cell away.
        for (const [i, row] of d.byNeed!.cells.entries()) {
          const values = new Map<string, PublishedCount>(row.map((v, j) => [String(j), v]));
          values.set('total', d.byNeed!.rowTotals[i]!);
          const learned = recoverByDifferencing(values, [{ members: row.map((_, j) => String(j)), total: 'total' }]);
          for (const [key, v] of values) if (v === SUPPRESSED) expect(learned.has(key), key).toBe(false);
        }
        shownSomewhere ||= d.consular.rows.some(
          (r) => typeof d.consular.waits[r.nationality]!.awaiting_travel.p90 === 'number',
        );
        const rows = [...d.consular.rows.map((r) => ({ r, w: d.consular.waits[r.nationality]! }))];
        rows.push({ r: { ...d.consular.totals } as never, w: d.consular.totalWaits });
        for (const { r, w } of rows)
          for (const stage of WAIT_STAGES) {
            const count = r[stage] as PublishedCount;
            const shown = w[stage].median !== SUPPRESSED && w[stage].median !== null;
            expect(shown).toBe(typeof count === 'number' && count >= K);
            expect(w[stage].p90 !== SUPPRESSED && w[stage].p90 !== null).toBe(shown);
          }
      }),
      { numRuns: 150 },
    );
    expect(shownSomewhere, 'the generated worlds never reached a published waiting time').toBe(true);
  });
});
