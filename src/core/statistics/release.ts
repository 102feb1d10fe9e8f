import { AGE_BANDS, CASE_STATUSES, SEXES, type AgeBand, type CaseStatus, type Sex } from '../vocabulary.ts';
import { recoverByDifferencing, type AdditiveLine } from './differencing.ts';
import { OTHER_NATIONALITIES } from './figures.ts';
import {
  MINIMUM_CELL,
  poolSmallRows,
  SUPPRESSED,
  suppressEntries,
  type Line,
  type PublishedCount,
} from './suppression.ts';

/**
 * The public release: aggregate tables for anyone, built from groups of people (the counting rules of
 * db/repositories/statistics.repository.ts: people once across confirmed duplicates, statistics-consented only). Each
 * table
 * combines at most two attributes (nationality × case status, sex × age band, month first registered), ages are in
 * bands and dates in months. All tables share one grand total and are suppressed together (suppressEntries over
 * their joint lines), so no table's published figures recover another's hidden one.
 *
 * Releases are checked against every earlier release: the difference of two releases is itself an additive table
 * (same lines), and an attacker who subtracts them learns how many people entered or left a cell in between. Every
 * difference they can learn (published in both releases, or recovered by subtraction along the lines, or the sum of
 * a line's unknown members) must be 0 or at least k in size. Entries that would break this are hidden in the new
 * release (and protected by complementary suppression like any other); a release whose grand total moved by fewer
 * than k since an earlier one is refused, since hiding the total of everything would publish nothing useful.
 */
export interface ReleaseGroup {
  readonly nationality: string;
  readonly status: CaseStatus | null;
  readonly sex: Sex;
  readonly ageBand: AgeBand | null;
  /** YYYY-MM (UTC) of the person's first registration. */
  readonly month: string;
  readonly n: number;
}

export const NO_CASE = 'none';
export const UNKNOWN_AGE = 'unknown';
export const STATUS_ATTRIBUTE_VALUES = [...CASE_STATUSES, NO_CASE] as const;
export const AGE_ATTRIBUTE_VALUES = [...AGE_BANDS, UNKNOWN_AGE] as const;
/** The key of the grand total shared by every table. */
export const GRAND_TOTAL = 'total';
/** Table, row and column keys are joined with this (no attribute value contains it). */
const SEP = '|';
const ANY = '*';

export type ReleaseTableId = 'nationality_status' | 'sex_age' | 'month';

export interface TwoWayReleaseTable {
  readonly id: 'nationality_status' | 'sex_age';
  readonly rowAttribute: string;
  readonly columnAttribute: string;
  readonly rows: readonly string[];
  readonly columns: readonly string[];
  readonly cells: readonly (readonly PublishedCount[])[];
  readonly rowTotals: readonly PublishedCount[];
  readonly columnTotals: readonly PublishedCount[];
}
export interface OneWayReleaseTable {
  readonly id: 'month';
  readonly attribute: string;
  readonly rows: readonly string[];
  readonly cells: readonly PublishedCount[];
}
export interface ReleaseFigures {
  readonly minimumCell: number;
  readonly total: PublishedCount;
  readonly tables: readonly (TwoWayReleaseTable | OneWayReleaseTable)[];
}

/** Every figure of a release under a stable key, and the additive lines between them (what an attacker knows). */
export function releaseEntries(figures: ReleaseFigures): {
  published: Map<string, PublishedCount>;
  lines: AdditiveLine[];
} {
  const published = new Map<string, PublishedCount>([[GRAND_TOTAL, figures.total]]);
  const lines: AdditiveLine[] = [];
  for (const t of figures.tables) {
    const key = (r: string, c: string) => [t.id, r, c].join(SEP);
    if ('columns' in t) {
      t.rows.forEach((r, i) => {
        t.columns.forEach((c, j) => published.set(key(r, c), t.cells[i]![j]!));
        published.set(key(r, ANY), t.rowTotals[i]!);
        lines.push({ members: t.columns.map((c) => key(r, c)), total: key(r, ANY) });
      });
      t.columns.forEach((c, j) => {
        published.set(key(ANY, c), t.columnTotals[j]!);
        lines.push({ members: t.rows.map((r) => key(r, c)), total: key(ANY, c) });
      });
      lines.push({ members: t.rows.map((r) => key(r, ANY)), total: GRAND_TOTAL });
      lines.push({ members: t.columns.map((c) => key(ANY, c)), total: GRAND_TOTAL });
    } else {
      t.rows.forEach((r, i) => published.set(key(r, ANY), t.cells[i]!));
      lines.push({ members: t.rows.map((r) => key(r, ANY)), total: GRAND_TOTAL });
    }
  }
  return { published, lines };
}

/**
 * Every month ("YYYY-MM") from the earliest to the latest given, so a series shows a month in which nobody came as 0
 * instead of leaving it out (a chart that skips a month draws a steady trend where there was a gap).
 */
export function monthSpan(months: Iterable<string>): string[] {
  const sorted = [...new Set(months)].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return [];
  const span: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let m = first; m <= last; m = `${year}-${String(month).padStart(2, '0')}`) {
    span.push(m);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return span;
}

/** Raw (unsuppressed) tables: the same shapes with exact numbers. */
function rawTables(groups: readonly ReleaseGroup[], k: number) {
  const sum = (pick: (g: ReleaseGroup) => boolean) => groups.reduce((a, g) => a + (pick(g) ? g.n : 0), 0);
  const byNationality = new Map<string, number[]>();
  for (const g of groups) {
    const row = byNationality.get(g.nationality) ?? new Array<number>(STATUS_ATTRIBUTE_VALUES.length).fill(0);
    row[STATUS_ATTRIBUTE_VALUES.indexOf(g.status ?? NO_CASE)]! += g.n;
    byNationality.set(g.nationality, row);
  }
  const nationalityRows = poolSmallRows(
    [...byNationality.keys()].sort().map((key) => ({ key, cells: byNationality.get(key)! })),
    OTHER_NATIONALITIES,
    k,
  );
  const sexRows = SEXES.map((sex) => ({
    key: sex as string,
    cells: AGE_ATTRIBUTE_VALUES.map((band) => sum((g) => g.sex === sex && (g.ageBand ?? UNKNOWN_AGE) === band)),
  })).filter((r) => r.cells.some((v) => v > 0));
  const months = monthSpan(groups.filter((g) => g.n > 0).map((g) => g.month));
  return [
    {
      id: 'nationality_status' as const,
      rowAttribute: 'nationality',
      columnAttribute: 'status',
      rows: nationalityRows.map((r) => r.key),
      columns: [...STATUS_ATTRIBUTE_VALUES] as string[],
      cells: nationalityRows.map((r) => r.cells),
    },
    {
      id: 'sex_age' as const,
      rowAttribute: 'sex',
      columnAttribute: 'age_band',
      rows: sexRows.map((r) => r.key),
      columns: [...AGE_ATTRIBUTE_VALUES] as string[],
      cells: sexRows.map((r) => r.cells),
    },
    {
      id: 'month' as const,
      attribute: 'month_registered',
      rows: months,
      cells: months.map((m) => sum((g) => g.month === m)),
    },
  ];
}

/**
 * The release's tables for one response, without the check against earlier releases: exact (an organisation's own
 * records, e.g. its dashboard) or suppressed (anything crossing an organisation boundary). Zero people give empty
 * tables.
 */
export function releaseTables(
  groups: readonly ReleaseGroup[],
  disclosure: 'exact' | 'suppressed',
  k = MINIMUM_CELL,
): ReleaseFigures {
  const total = groups.reduce((a, g) => a + g.n, 0);
  const raw = rawTables(groups, disclosure === 'exact' ? 1 : k);
  return suppressRelease(raw, total, new Set(), disclosure === 'exact' ? 1 : k);
}

/**
 * Exact figures in the release's shape, with the given entries hidden; the grand total is never picked as a complement.
 */
function suppressRelease(
  raw: ReturnType<typeof rawTables>,
  total: number,
  forced: ReadonlySet<string>,
  k: number,
): ReleaseFigures {
  const exact: ReleaseFigures = {
    minimumCell: k,
    total,
    tables: raw.map((t) =>
      t.id === 'month'
        ? t
        : {
            ...t,
            rowTotals: t.cells.map((r) => r.reduce((a, b) => a + b, 0)),
            columnTotals: t.columns.map((_, j) => t.cells.reduce((a, r) => a + r[j]!, 0)),
          },
    ),
  };
  const { published, lines } = releaseEntries(exact);
  const keys = [...published.keys()];
  const index = new Map(keys.map((key, i) => [key, i]));
  const values = keys.map((key) => published.get(key) as number);
  const indexed: Line[] = lines.map((l) => ({
    members: l.members.map((m) => index.get(m)!),
    total: index.get(l.total)!,
  }));
  const hidden = suppressEntries(values, indexed, {
    k,
    knownElsewhere: new Set([index.get(GRAND_TOTAL)!]),
    alsoHide: new Set([...forced].map((key) => index.get(key)!).filter((i) => i !== undefined)),
  });
  const at = (key: string): PublishedCount => (hidden[index.get(key)!] ? SUPPRESSED : published.get(key)!);
  const key = (id: string, r: string, c: string) => [id, r, c].join(SEP);
  return {
    minimumCell: k,
    total: at(GRAND_TOTAL),
    tables: raw.map((t) =>
      t.id === 'month'
        ? { ...t, cells: t.rows.map((r) => at(key(t.id, r, ANY))) }
        : {
            ...t,
            cells: t.rows.map((r) => t.columns.map((c) => at(key(t.id, r, c)))),
            rowTotals: t.rows.map((r) => at(key(t.id, r, ANY))),
            columnTotals: t.columns.map((c) => at(key(t.id, ANY, c))),
          },
    ),
  };
}

export interface DifferencingFinding {
  /** The entry (or a line's total, for a sum of unknown members) whose change is learnable and small. */
  readonly key: string;
  /** The line through which it was learned, when it is a sum of unknown members. */
  readonly line?: AdditiveLine;
}

/**
 * What subtracting `previous` from `next` reveals that is a small count: the change of every entry published in both
 * (an entry absent from a release counts as 0 there), of every entry recovered by subtraction along the lines, and
 * of the sum of a line's still-unknown members when its total's change is known. Empty when the pair is safe.
 */
export function differencingFindings(
  next: ReadonlyMap<string, PublishedCount>,
  previous: ReadonlyMap<string, PublishedCount>,
  lines: readonly AdditiveLine[],
  k = MINIMUM_CELL,
): DifferencingFinding[] {
  const keys = new Set([...next.keys(), ...lines.flatMap((l) => [...l.members, l.total])]);
  const change = new Map<string, PublishedCount>();
  for (const key of keys) {
    const b = next.get(key) ?? 0;
    const a = previous.get(key) ?? 0;
    change.set(key, a === SUPPRESSED || b === SUPPRESSED ? SUPPRESSED : b - a);
  }
  const learned = recoverByDifferencing(change, lines);
  const small = (v: number) => v !== 0 && Math.abs(v) < k;
  const findings: DifferencingFinding[] = [...learned].filter(([, v]) => small(v)).map(([key]) => ({ key }));
  for (const line of lines) {
    const total = learned.get(line.total);
    const unknown = line.members.filter((m) => !learned.has(m));
    if (total === undefined || unknown.length === 0) continue;
    const rest = total - line.members.filter((m) => learned.has(m)).reduce((a, m) => a + learned.get(m)!, 0);
    if (small(rest)) findings.push({ key: line.total, line });
  }
  return findings;
}

export type ReleaseOutcome =
  | { readonly ok: true; readonly figures: ReleaseFigures; readonly withheldForDifferencing: number }
  | { readonly ok: false; readonly reason: 'too_few_people' | 'total_changed_too_little'; readonly message: string };

/**
 * Builds the next public release from the current groups, safe on its own and against every earlier release
 * (oldest first). Entries whose change would be small are hidden and suppression re-run, to a fixed point.
 */
export function buildRelease(
  groups: readonly ReleaseGroup[],
  previous: readonly ReleaseFigures[],
  k = MINIMUM_CELL,
): ReleaseOutcome {
  const total = groups.reduce((a, g) => a + g.n, 0);
  if (total < k)
    return {
      ok: false,
      reason: 'too_few_people',
      message: `fewer than ${k} people may be counted in public statistics; nothing can be published yet`,
    };
  const raw = rawTables(groups, k);
  const earlier = previous.map((p) => releaseEntries(p).published);
  const forced = new Set<string>();
  for (;;) {
    const figures = suppressRelease(raw, total, forced, k);
    const { published, lines } = releaseEntries(figures);
    const before = forced.size;
    for (const [i, old] of earlier.entries()) {
      for (const finding of differencingFindings(published, old, lines, k)) {
        if (finding.key === GRAND_TOTAL && !finding.line)
          return {
            ok: false,
            reason: 'total_changed_too_little',
            message: `the number of people counted differs from release ${i + 1} by fewer than ${k}; publishing both would reveal how many people were added or removed in between. Wait until more people are counted.`,
          };
        const pick = entryToHide(finding, published, lines);
        if (pick === null || pick === GRAND_TOTAL)
          return {
            ok: false,
            reason: 'total_changed_too_little',
            message: `a change since release ${i + 1} of fewer than ${k} people cannot be hidden without hiding the total; wait until more people are counted.`,
          };
        forced.add(pick);
      }
    }
    if (forced.size === before) return { ok: true, figures, withheldForDifferencing: forced.size };
  }
}

/**
 * A published entry to hide so that the finding's small change is no longer learnable: the entry itself, else the
 * smallest published member of one of its lines.
 */
function entryToHide(
  finding: DifferencingFinding,
  published: ReadonlyMap<string, PublishedCount>,
  lines: readonly AdditiveLine[],
): string | null {
  const open = (key: string) => published.has(key) && published.get(key) !== SUPPRESSED;
  if (!finding.line && open(finding.key)) return finding.key;
  const candidates = finding.line
    ? [finding.line]
    : lines.filter((l) => l.members.includes(finding.key) || l.total === finding.key);
  for (const line of candidates) {
    const members = line.members
      .filter(open)
      .sort((a, b) => (published.get(a) as number) - (published.get(b) as number) || (a < b ? -1 : 1));
    const pick = members.find((m) => published.get(m) !== 0) ?? members[0];
    if (pick !== undefined) return pick;
  }
  for (const line of candidates) if (open(line.total)) return line.total;
  return null;
}
