import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, CASE_STATUSES, SEXES } from '../vocabulary.ts';
import { recoverByDifferencing } from './differencing.ts';
import {
  buildRelease,
  differencingFindings,
  GRAND_TOTAL,
  monthSpan,
  releaseEntries,
  type ReleaseFigures,
  type ReleaseGroup,
} from './release.ts';
import { MINIMUM_CELL, SUPPRESSED } from './suppression.ts';

const K = MINIMUM_CELL;
const NATIONALITIES = ['ID', 'TH', 'VN', 'PH', 'FJ', 'KE', 'unknown', 'multiple'];
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'];

const group: fc.Arbitrary<ReleaseGroup> = fc.record({
  nationality: fc.constantFrom(...NATIONALITIES),
  status: fc.option(fc.constantFrom(...CASE_STATUSES), { nil: null }),
  sex: fc.constantFrom(...SEXES),
  ageBand: fc.option(fc.constantFrom(...AGE_BANDS), { nil: null }),
  month: fc.constantFrom(...MONTHS),
  n: fc.integer({ min: 1, max: 40 }),
});
const dataset = fc.array(group, { minLength: 1, maxLength: 40 });

/** What the attacker can do with one release: every published figure and everything subtraction recovers. */
function attackOne(figures: ReleaseFigures) {
  const { published, lines } = releaseEntries(figures);
  const learned = recoverByDifferencing(published, lines);
  return { published, lines, learned };
}

function expectSafe(figures: ReleaseFigures) {
  const { published, lines, learned } = attackOne(figures);
  for (const [key, v] of published) if (v !== SUPPRESSED) expect(v === 0 || v >= K, `${key} = ${v}`).toBe(true);
  // Totals cannot recover a suppressed cell ...
  const recovered = [...published].filter(([key, v]) => v === SUPPRESSED && learned.has(key)).map(([key]) => key);
  expect(recovered).toEqual([]);
  // ... nor publish a small combination: where a line's total is known, its hidden members add up to 0 or at least k.
  for (const line of lines) {
    const total = learned.get(line.total);
    if (total === undefined) continue;
    const hiddenSum = total - line.members.reduce((a, m) => a + (learned.get(m) ?? 0), 0);
    expect(hiddenSum === 0 || hiddenSum >= K, `${line.total}: hidden members add up to ${hiddenSum}`).toBe(true);
  }
}

describe('the public release', () => {
  it('combines at most two attributes per table, publishes ages in bands and dates in months', () => {
    const outcome = buildRelease(
      [{ nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-03', n: 30 }],
      [],
    );
    if (!outcome.ok) throw new Error(outcome.message);
    for (const t of outcome.figures.tables)
      if ('columns' in t) expect([t.rowAttribute, t.columnAttribute]).toHaveLength(2);
    const month = outcome.figures.tables.find((t) => t.id === 'month')!;
    expect(month.rows).toEqual(['2026-03']);
    expect(outcome.figures.total).toBe(30);
  });

  it('lists every month from the first to the last, a month nobody registered as 0', () => {
    expect(monthSpan([])).toEqual([]);
    expect(monthSpan(['2026-03'])).toEqual(['2026-03']);
    expect(monthSpan(['2026-02', '2025-11', '2026-02'])).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const outcome = buildRelease(
      [
        { nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-01', n: 30 },
        { nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-04', n: 20 },
      ],
      [],
    );
    if (!outcome.ok) throw new Error(outcome.message);
    const month = outcome.figures.tables.find((t) => t.id === 'month')!;
    expect(month.rows).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(month.cells).toEqual([30, 0, 0, 20]);
  });

  it('refuses to publish fewer than k people', () => {
    const outcome = buildRelease(
      [{ nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-03', n: K - 1 }],
      [],
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'too_few_people' });
  });

  it('for generated datasets: no published cell or combination is under k, and totals recover no suppressed cell', () => {
    fc.assert(
      fc.property(dataset, (groups) => {
        const outcome = buildRelease(groups, []);
        if (!outcome.ok) {
          expect(groups.reduce((a, g) => a + g.n, 0)).toBeLessThan(K);
          return;
        }
        expectSafe(outcome.figures);
      }),
      { numRuns: 150 },
    );
  });

  it('hides a row whose growth since the last release is small (three more Thai people)', () => {
    const base: ReleaseGroup[] = [
      { nationality: 'TH', status: 'open', sex: 'male', ageBand: '18_24', month: '2026-01', n: 20 },
      { nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-01', n: 30 },
      { nationality: 'VN', status: 'assisting', sex: 'female', ageBand: '25_34', month: '2026-01', n: 25 },
    ];
    const first = buildRelease(base, []);
    if (!first.ok) throw new Error(first.message);
    const more = [
      ...base,
      { nationality: 'TH', status: 'open', sex: 'male', ageBand: '18_24', month: '2026-02', n: 3 },
      { nationality: 'VN', status: 'assisting', sex: 'female', ageBand: '25_34', month: '2026-02', n: 12 },
    ] satisfies ReleaseGroup[];
    const second = buildRelease(more, [first.figures]);
    if (!second.ok) throw new Error(second.message);
    expect(second.withheldForDifferencing).toBeGreaterThan(0);
    const now = releaseEntries(second.figures);
    expect(differencingFindings(now.published, releaseEntries(first.figures).published, now.lines)).toEqual([]);
    // Without the check, the Thai row total would have moved from 20 to 23 in public.
    expect(now.published.get('nationality_status|TH|*')).toBe(SUPPRESSED);
  });

  it('refuses a release whose grand total moved by fewer than k since an earlier one, and says why', () => {
    const base: ReleaseGroup[] = [
      { nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-01', n: 30 },
    ];
    const first = buildRelease(base, []);
    if (!first.ok) throw new Error(first.message);
    const second = buildRelease([...base, { ...base[0]!, month: '2026-02', n: 2 }], [first.figures]);
    expect(second).toMatchObject({ ok: false, reason: 'total_changed_too_little' });
    if (!second.ok) expect(second.message).toMatch(/fewer than 11/);
  });

  it('for generated datasets: two consecutive releases cannot be differenced into a small cell', () => {
    const change = fc.array(group, { maxLength: 12 });
    const removals = fc.array(fc.nat(), { maxLength: 6 });
    let published = 0;
    let withheld = 0;
    fc.assert(
      fc.property(dataset, change, removals, (groups, added, removed) => {
        const first = buildRelease(groups, []);
        if (!first.ok) return;
        // People join, and some leave the statistics (consent withdrawn, duplicates confirmed), or change status.
        const kept = groups.map((g, i) => (removed.includes(i) ? { ...g, n: Math.max(0, g.n - 1 - (i % 5)) } : g));
        const second = buildRelease([...kept, ...added], [first.figures]);
        if (!second.ok) {
          expect(second.reason).toMatch(/total_changed_too_little|too_few_people/);
          return;
        }
        expectSafe(second.figures);
        published++;
        if (second.withheldForDifferencing > 0) withheld++;
        const a = releaseEntries(first.figures).published;
        const b = releaseEntries(second.figures);
        // The attacker: change of every figure published in both, then subtraction along the lines.
        const diff = new Map<string, number | 'suppressed'>();
        for (const [key, v] of b.published) {
          const old = a.get(key) ?? 0;
          diff.set(key, v === SUPPRESSED || old === SUPPRESSED ? SUPPRESSED : v - old);
        }
        const learned = recoverByDifferencing(diff, b.lines);
        const small = [...learned].filter(([, v]) => v !== 0 && Math.abs(v) < K);
        expect(small).toEqual([]);
        expect(learned.get(GRAND_TOTAL)).not.toBeUndefined();
      }),
      { numRuns: 120 },
    );
    // Not vacuous: most pairs are published, and some only because the check hid more.
    expect(published).toBeGreaterThan(30);
    expect(withheld).toBeGreaterThan(0);
    console.log(`[release] ${published} of 120 second releases published, ${withheld} with entries withheld`);
  });

  it('checks a new release against every earlier release, not only the last', () => {
    const base: ReleaseGroup[] = [
      { nationality: 'ID', status: 'open', sex: 'female', ageBand: '25_34', month: '2026-01', n: 40 },
      { nationality: 'TH', status: 'open', sex: 'male', ageBand: '18_24', month: '2026-01', n: 20 },
    ];
    const r1 = buildRelease(base, []);
    if (!r1.ok) throw new Error(r1.message);
    const r2groups = [...base, { ...base[0]!, month: '2026-02', n: 15 }];
    const r2 = buildRelease(r2groups, [r1.figures]);
    if (!r2.ok) throw new Error(r2.message);
    const r3groups = [...r2groups, { ...base[1]!, month: '2026-03', n: 14 }];
    // Against release 1 the Thai row moved by 14 (fine), against release 2 also 14; the ID row did not move since 2.
    const r3 = buildRelease(r3groups, [r1.figures, r2.figures]);
    if (!r3.ok) throw new Error(r3.message);
    const now = releaseEntries(r3.figures);
    for (const earlier of [r1, r2])
      expect(differencingFindings(now.published, releaseEntries(earlier.figures).published, now.lines)).toEqual([]);
  });
});
