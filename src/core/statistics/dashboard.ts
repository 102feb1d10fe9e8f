import type { AgeBand, LocationKind, NeedKind, Sex } from '../vocabulary.ts';
import { coordinationFigures, OTHER_NATIONALITIES, type CoordinationFigures, type Disclosure } from './figures.ts';
import { monthSpan, releaseTables, type ReleaseFigures, type ReleaseGroup } from './release.ts';
import { MINIMUM_CELL, SUPPRESSED, suppressOneWay, type PublishedCount } from './suppression.ts';

/**
 * The signed-in dashboard's survivor figures, built from groups of people (the counting rules of
 * db/repositories/statistics.repository.ts) in one place, so that one rule decides how filters and suppression meet:
 *
 * - exact (an organisation's own records): the page's filters narrow every survivor figure alike — the release tables,
 *   people by need and by location over time, the consular queues and their waiting times — because each is computed
 *   from the same filtered groups;
 * - suppressed (anything crossing an organisation boundary): the filters are not applied at all. Each filtered answer
 *   would be a new table over the same people, and subtracting two of them (all minus one nationality, say) could give
 *   a count under k that neither answer published; fixed tables, suppressed once, leave nothing to subtract. Waiting
 *   times are published only beside a published queue count of at least k; people by location are never published
 *   (where a survivor is stays with the organisation, ../../../shared DISCLOSURE: "where they are" ✘ beyond it).
 */
export interface DashboardGroup extends ReleaseGroup {
  /** The kind of place the person was last recorded at (their latest registration). */
  readonly location: LocationKind;
}

/** People of a group who have (had) a need of this kind, recorded and not cancelled. */
export interface NeedGroup {
  readonly nationality: string;
  readonly sex: Sex;
  readonly ageBand: AgeBand | null;
  readonly month: string;
  readonly need: NeedKind;
  readonly n: number;
}

export const WAIT_STAGES = ['awaiting_documents', 'awaiting_travel'] as const;
export type WaitStage = (typeof WAIT_STAGES)[number];

/** People whose current case has waited `days` whole days in `stage` so far. */
export interface WaitGroup {
  readonly nationality: string;
  readonly sex: Sex;
  readonly ageBand: AgeBand | null;
  readonly month: string;
  readonly stage: WaitStage;
  readonly days: number;
  readonly n: number;
}

export interface DashboardFilter {
  readonly nationality?: readonly string[];
  readonly sex?: readonly Sex[];
  readonly ageBand?: readonly AgeBand[];
  /** YYYY-MM, inclusive, on the month a person was first registered. */
  readonly from?: string;
  readonly to?: string;
}

/** Days waited in one stage: median and 90th percentile (nearest rank); null when nobody waits there. */
export interface StageWait {
  readonly median: PublishedCount | null;
  readonly p90: PublishedCount | null;
}
export type StageWaits = Record<WaitStage, StageWait>;

/** Rows (need kinds or location kinds) × months, with each row's total. */
export interface SeriesTable {
  readonly rows: readonly string[];
  readonly months: readonly string[];
  readonly cells: readonly (readonly PublishedCount[])[];
  readonly rowTotals: readonly PublishedCount[];
}

export interface DashboardFigures {
  readonly filtersApplied: boolean;
  readonly minimumCell: number | null;
  readonly release: ReleaseFigures;
  readonly consular: CoordinationFigures & {
    readonly waits: Readonly<Record<string, StageWaits>>;
    readonly totalWaits: StageWaits;
  };
  /** Null where the audience may not see it. */
  readonly byNeed: SeriesTable | null;
  readonly byLocation: SeriesTable | null;
}

export const hasFilter = (f: DashboardFilter): boolean =>
  Boolean(f.nationality?.length || f.sex?.length || f.ageBand?.length || f.from || f.to);

/** Whether a group of people falls under the page's filters (statistical nationality, sex, age band, month). */
export function matchesFilter(
  g: { nationality: string; sex: Sex; ageBand: AgeBand | null; month: string },
  f: DashboardFilter,
): boolean {
  const nats = f.nationality?.length ? f.nationality.map((n) => n.toUpperCase()) : null;
  return (
    (!nats || nats.includes(g.nationality)) &&
    (!f.sex?.length || f.sex.includes(g.sex)) &&
    (!f.ageBand?.length || (g.ageBand !== null && f.ageBand.includes(g.ageBand))) &&
    (!f.from || g.month >= f.from) &&
    (!f.to || g.month <= f.to)
  );
}

/** The value at nearest rank ⌈q·n⌉ of a histogram of whole days (null when empty). */
export function quantile(histogram: readonly { days: number; n: number }[], q: number): number | null {
  const sorted = [...histogram].filter((h) => h.n > 0).sort((a, b) => a.days - b.days);
  const n = sorted.reduce((a, h) => a + h.n, 0);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const h of sorted) {
    seen += h.n;
    if (seen >= rank) return h.days;
  }
  return sorted[sorted.length - 1]!.days;
}

/** Waiting times beside a published queue count: exact, or (suppressed) only where that count is at least k. */
function stageWait(
  histogram: readonly { days: number; n: number }[],
  count: PublishedCount,
  disclosure: Disclosure,
  k: number,
): StageWait {
  if (count === 0) return { median: null, p90: null };
  if (disclosure === 'suppressed' && (count === SUPPRESSED || count < k))
    return { median: SUPPRESSED, p90: SUPPRESSED };
  return { median: quantile(histogram, 0.5), p90: quantile(histogram, 0.9) };
}

function seriesTable(
  groups: readonly { key: string; month: string; n: number }[],
  keys: readonly string[],
  disclosure: Disclosure,
  k: number,
): SeriesTable {
  const months = monthSpan(groups.filter((g) => g.n > 0).map((g) => g.month));
  const rows = keys.filter((key) => groups.some((g) => g.key === key && g.n > 0));
  const raw = rows.map((key) =>
    months.map((m) => groups.reduce((a, g) => a + (g.key === key && g.month === m ? g.n : 0), 0)),
  );
  if (disclosure === 'exact')
    return { rows, months, cells: raw, rowTotals: raw.map((r) => r.reduce((a, b) => a + b, 0)) };
  // Rows of a need table overlap (one person, several needs): no line ties them together, so each row (its months and
  // their total) is suppressed as a table of its own.
  const suppressed = raw.map((r) => suppressOneWay(r, { k }));
  return { rows, months, cells: suppressed.map((s) => s.cells), rowTotals: suppressed.map((s) => s.total) };
}

export function dashboardFigures(input: {
  people: readonly DashboardGroup[];
  /** Null where the audience may not see needs. */
  needs: readonly NeedGroup[] | null;
  waits: readonly WaitGroup[];
  filter: DashboardFilter;
  disclosure: Disclosure;
  needKinds: readonly string[];
  locationKinds: readonly string[];
}): DashboardFigures {
  const { disclosure } = input;
  const exact = disclosure === 'exact';
  const k = exact ? 1 : MINIMUM_CELL;
  const keep = <G extends Parameters<typeof matchesFilter>[0]>(groups: readonly G[]) =>
    exact ? groups.filter((g) => matchesFilter(g, input.filter)) : groups;
  const people = keep(input.people);
  const release = releaseTables(people, disclosure);
  const coordination = coordinationFigures(
    people.map((g) => ({ nationality: g.nationality, status: g.status, risk: null, recent: false, n: g.n })),
    disclosure,
  );
  const rowOf = (nationality: string) =>
    coordination.rows.some((r) => r.nationality === nationality) ? nationality : OTHER_NATIONALITIES;
  const waits = keep(input.waits);
  const histogram = (stage: WaitStage, row: string | null) =>
    waits.filter((w) => w.stage === stage && (row === null || rowOf(w.nationality) === row));
  const stageWaits = (row: string | null, counts: Record<WaitStage, PublishedCount>): StageWaits =>
    Object.fromEntries(
      WAIT_STAGES.map((s) => [s, stageWait(histogram(s, row), counts[s], disclosure, k)]),
    ) as StageWaits;
  return {
    filtersApplied: exact,
    minimumCell: exact ? null : k,
    release,
    consular: {
      ...coordination,
      waits: Object.fromEntries(coordination.rows.map((r) => [r.nationality, stageWaits(r.nationality, r)])),
      totalWaits: stageWaits(null, coordination.totals),
    },
    byNeed: input.needs
      ? seriesTable(
          keep(input.needs).map((g) => ({ key: g.need, month: g.month, n: g.n })),
          input.needKinds,
          disclosure,
          k,
        )
      : null,
    byLocation: exact
      ? seriesTable(
          people.map((g) => ({ key: g.location, month: g.month, n: g.n })),
          input.locationKinds,
          disclosure,
          k,
        )
      : null,
  };
}
