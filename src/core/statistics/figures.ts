import { CASE_STATUSES, RISK_LEVELS, type CaseStatus, type RiskLevel } from '../vocabulary.ts';
import {
  MINIMUM_CELL,
  poolSmallRows,
  SUPPRESSED,
  suppressOneWay,
  suppressTwoWay,
  twoWayLayout,
  type PublishedCount,
} from './suppression.ts';

/**
 * The home page's and the coordination view's figures, built from groups of people (one person
 * per group member, see db/repositories/statistics.repository.ts). Every figure is an entry of one of three
 * tables over the same people: nationality × case status (with its totals), risk, and recent
 * registration. `exact` publishes them as they are (an organisation's own records); `suppressed`
 * runs them through the suppression code (anything that crosses an organisation boundary), and
 * publishes no sum of hidden entries (a sum of two hidden cells would be a new equation).
 */
export interface PersonGroup {
  readonly nationality: string;
  readonly status: CaseStatus | null;
  readonly risk: RiskLevel | null;
  readonly recent: boolean;
  readonly n: number;
}

export type Disclosure = 'exact' | 'suppressed';

/** Pooled nationalities (each below the minimum cell) in a suppressed table. */
export const OTHER_NATIONALITIES = 'other';
/** Statistical nationality of a person with more than one, and of a person with none recorded. */
export const MULTIPLE_NATIONALITIES = 'multiple';
export const UNKNOWN_NATIONALITY = 'unknown';

const NONE = 'none';
const STATUS_COLUMNS = [...CASE_STATUSES, NONE] as const;
const RISK_COLUMNS = [...RISK_LEVELS, NONE] as const;
const STAGES = ['awaiting_documents', 'awaiting_travel', 'repatriated', 'lost_contact'] as const;

interface MasterTable {
  readonly rowKeys: string[];
  readonly cells: PublishedCount[][];
  readonly rowTotals: PublishedCount[];
  readonly columnTotals: PublishedCount[];
  readonly total: PublishedCount;
}

function masterTable(groups: readonly PersonGroup[], disclosure: Disclosure): MasterTable {
  const byNationality = new Map<string, number[]>();
  for (const g of groups) {
    const row = byNationality.get(g.nationality) ?? new Array<number>(STATUS_COLUMNS.length).fill(0);
    row[STATUS_COLUMNS.indexOf(g.status ?? NONE)]! += g.n;
    byNationality.set(g.nationality, row);
  }
  const keys = [...byNationality.keys()].sort();
  const raw = keys.map((key) => ({ key, cells: byNationality.get(key)! }));
  const rows =
    disclosure === 'suppressed'
      ? poolSmallRows(raw, OTHER_NATIONALITIES)
      : raw.map((r) => ({ key: r.key, cells: [...r.cells] }));
  if (rows.length === 0)
    return { rowKeys: [], cells: [], rowTotals: [], columnTotals: STATUS_COLUMNS.map(() => 0), total: 0 };
  if (disclosure === 'exact') {
    const columnTotals = STATUS_COLUMNS.map((_, c) => rows.reduce((a, r) => a + r.cells[c]!, 0));
    return {
      rowKeys: rows.map((r) => r.key),
      cells: rows.map((r) => r.cells),
      rowTotals: rows.map((r) => r.cells.reduce((a, b) => a + b, 0)),
      columnTotals,
      total: columnTotals.reduce((a, b) => a + b, 0),
    };
  }
  // The grand total (everyone counted) is also the total of the risk and recent tables: never pick it as a complement.
  const grand = twoWayLayout(rows.length, STATUS_COLUMNS.length).total;
  const t = suppressTwoWay(
    rows.map((r) => r.cells),
    { knownElsewhere: new Set([grand]) },
  );
  return { rowKeys: rows.map((r) => r.key), ...t };
}

function oneWay(cells: number[], disclosure: Disclosure): { cells: PublishedCount[]; total: PublishedCount } {
  return disclosure === 'exact' ? { cells, total: cells.reduce((a, b) => a + b, 0) } : suppressOneWay(cells);
}

/** a + b, only when both are published (otherwise the sum would be a new fact about hidden cells). */
const plus = (a: PublishedCount, b: PublishedCount): PublishedCount =>
  a === SUPPRESSED || b === SUPPRESSED ? SUPPRESSED : a + b;
const minus = (a: PublishedCount, b: PublishedCount): PublishedCount =>
  a === SUPPRESSED || b === SUPPRESSED ? SUPPRESSED : a - b;
const nonZero = <K extends string>(keys: readonly K[], values: readonly PublishedCount[]) =>
  Object.fromEntries(keys.flatMap((k, i) => (values[i] === 0 ? [] : [[k, values[i]!]]))) as Record<K, PublishedCount>;
const size = (c: PublishedCount) => (c === SUPPRESSED ? -1 : c);

export interface HomeFigures {
  survivors: PublishedCount;
  registeredLast7Days: PublishedCount;
  /** People with a case in the population. */
  cases: PublishedCount;
  highRisk: PublishedCount;
  casesByStatus: Record<string, PublishedCount>;
  casesByRisk: Record<string, PublishedCount>;
  topNationalities: { nationality: string; count: PublishedCount }[];
  /** The smallest published count, or null when the figures are exact. */
  minimumCell: number | null;
}

export function homeFigures(groups: readonly PersonGroup[], disclosure: Disclosure): HomeFigures {
  const master = masterTable(groups, disclosure);
  const risk = oneWay(
    RISK_COLUMNS.map((r) => groups.reduce((a, g) => a + ((g.risk ?? NONE) === r ? g.n : 0), 0)),
    disclosure,
  );
  const recentN = groups.reduce((a, g) => a + (g.recent ? g.n : 0), 0);
  const everyone = groups.reduce((a, g) => a + g.n, 0);
  const recent = oneWay([recentN, everyone - recentN], disclosure);
  const statusTotals = master.columnTotals.slice(0, CASE_STATUSES.length);
  const riskCells = risk.cells.slice(0, RISK_LEVELS.length);
  const nationalities = master.rowKeys
    .map((nationality, i) => ({ nationality, count: master.rowTotals[i]! }))
    .filter(
      (n) =>
        n.nationality !== OTHER_NATIONALITIES &&
        n.nationality !== UNKNOWN_NATIONALITY &&
        n.count !== SUPPRESSED &&
        n.count > 0,
    )
    .sort((a, b) => size(b.count) - size(a.count) || (a.nationality < b.nationality ? -1 : 1))
    .slice(0, 5);
  return {
    survivors: master.total,
    registeredLast7Days: recent.cells[0]!,
    // People with a case, whenever it follows from published entries (all statuses, or everyone minus those without
    // one).
    cases: statusTotals.every((c) => c !== SUPPRESSED)
      ? statusTotals.reduce<PublishedCount>(plus, 0)
      : minus(master.total, master.columnTotals[CASE_STATUSES.length]!),
    highRisk: plus(riskCells[RISK_LEVELS.indexOf('high')]!, riskCells[RISK_LEVELS.indexOf('critical')]!),
    casesByStatus: nonZero(CASE_STATUSES, statusTotals),
    casesByRisk: nonZero(RISK_LEVELS, riskCells),
    topNationalities: nationalities,
    minimumCell: disclosure === 'exact' ? null : MINIMUM_CELL,
  };
}

export type CoordinationBottleneck = 'documents' | 'travel' | 'none' | 'suppressed';
export interface CoordinationRow {
  nationality: string;
  registered: PublishedCount;
  awaiting_documents: PublishedCount;
  awaiting_travel: PublishedCount;
  repatriated: PublishedCount;
  lost_contact: PublishedCount;
  bottleneck: CoordinationBottleneck;
}
export interface CoordinationFigures {
  rows: CoordinationRow[];
  totals: Omit<CoordinationRow, 'nationality' | 'bottleneck'>;
  minimumCell: number | null;
}

/**
 * Per statistical nationality: people registered, waiting for documents, waiting for travel,
 * repatriated, lost contact, and the bottleneck (the larger queue; a tie goes to documents, the
 * upstream step; `none` when both are empty; `suppressed` when either queue is hidden, since comparing them would
 * tell something about a hidden cell).
 */
export function coordinationFigures(groups: readonly PersonGroup[], disclosure: Disclosure): CoordinationFigures {
  const master = masterTable(groups, disclosure);
  const col = (s: (typeof STAGES)[number]) => STATUS_COLUMNS.indexOf(s);
  const stages = (cells: readonly PublishedCount[]) =>
    Object.fromEntries(STAGES.map((s) => [s, cells[col(s)]!])) as Record<(typeof STAGES)[number], PublishedCount>;
  const rows = master.rowKeys
    .map((nationality, i): CoordinationRow => {
      const s = stages(master.cells[i]!);
      const d = s.awaiting_documents;
      const t = s.awaiting_travel;
      const bottleneck: CoordinationBottleneck =
        d === SUPPRESSED || t === SUPPRESSED
          ? 'suppressed'
          : d === 0 && t === 0
            ? 'none'
            : d >= t
              ? 'documents'
              : 'travel';
      return { nationality, registered: master.rowTotals[i]!, ...s, bottleneck };
    })
    .sort(
      (a, b) =>
        Number(a.nationality === OTHER_NATIONALITIES) - Number(b.nationality === OTHER_NATIONALITIES) ||
        size(b.registered) - size(a.registered) ||
        (a.nationality < b.nationality ? -1 : 1),
    );
  return {
    rows,
    totals: { registered: master.total, ...stages(master.columnTotals) },
    minimumCell: disclosure === 'exact' ? null : MINIMUM_CELL,
  };
}
