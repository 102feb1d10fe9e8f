import { sql, type CompiledQuery, type Insertable, type Selectable } from 'kysely';
import {
  AGE_BANDS,
  LOCATION_KINDS,
  NEED_KINDS,
  type AgeBand,
  type CaseStatus,
  type LocationKind,
  type NeedKind,
  type NeedPriority,
  type NeedStatus,
  type RiskLevel,
  type Sex,
} from '../../../core/vocabulary.ts';
import type { NeedsTable } from '../../schema.ts';
import type { ProtectionFlag } from '../../../core/triage/protection.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

/**
 * Needs and the triage board. urgency_tier and effective_priority are core/triage's first two sort
 * keys, stored so that `needs_board (organisation_id, urgency_tier, effective_priority, created_at, id)`
 * returns the board in order with a keyset cursor and no sort step.
 */
export type NeedRow = RowOf<NeedsTable>;
/** A new need: the database starts its version at 1. */
export type NeedInsert = Omit<NeedRow, 'version'>;

const needFrom = (r: Selectable<NeedsTable>): NeedRow => ({
  id: r.id,
  caseId: r.case_id,
  organisationId: r.organisation_id,
  kind: r.kind,
  priority: r.priority,
  status: r.status,
  noteEnc: r.note_enc,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  urgencyTier: r.urgency_tier,
  effectivePriority: r.effective_priority,
  ageBand: r.age_band,
  nationalities: r.nationalities,
  locationKind: r.location_kind,
  caseRisk: r.case_risk,
  version: r.version,
});

/** A need as its columns. */
export function needColumns(n: NeedInsert): Insertable<NeedsTable> {
  return {
    id: n.id,
    case_id: n.caseId,
    organisation_id: n.organisationId,
    kind: n.kind,
    priority: n.priority,
    status: n.status,
    note_enc: n.noteEnc,
    created_by: n.createdBy,
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    urgency_tier: n.urgencyTier,
    effective_priority: n.effectivePriority,
    age_band: n.ageBand,
    nationalities: n.nationalities,
    location_kind: n.locationKind,
    case_risk: n.caseRisk,
  };
}

export async function insertNeeds(trx: Queryable, rows: readonly NeedInsert[]): Promise<void> {
  if (rows.length > 0) await trx.executeQuery(needsInsert(trx, rows));
}

/** The statement insertNeeds sends, for a caller that writes it together with others (db/write-together). */
export function needsInsert(trx: Queryable, rows: readonly NeedInsert[]): CompiledQuery {
  return trx.insertInto('needs').values(rows.map(needColumns)).compile();
}

export async function findNeed(trx: Queryable, id: string, forUpdate = false): Promise<NeedRow | undefined> {
  let q = trx.selectFrom('needs').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forNoKeyUpdate();
  const r = await q.executeTakeFirst();
  return r ? needFrom(r) : undefined;
}

export async function listNeedsOfCase(trx: Queryable, caseId: string): Promise<NeedRow[]> {
  const rows = await trx
    .selectFrom('needs')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(500)
    .execute();
  return rows.map(needFrom);
}

type NeedPatch = { status?: NeedStatus; priority?: NeedPriority; effectivePriority?: number; at: string };

/** A need's new status or priority (written together with its timeline line and audit entry: db/write-together). */
export function needUpdate(trx: Queryable, id: string, patch: NeedPatch): CompiledQuery {
  return trx
    .updateTable('needs')
    .set({
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.effectivePriority !== undefined ? { effective_priority: patch.effectivePriority } : {}),
      updated_at: patch.at,
    })
    .where('id', '=', id)
    .compile();
}

/** Re-copies the case risk onto its needs and recomputes effective priority with core's SQL expression. */
export async function refreshNeedsForCase(
  trx: Queryable,
  caseId: string,
  caseRisk: RiskLevel,
  effectivePrioritySql: string,
): Promise<void> {
  await sql`UPDATE needs SET case_risk = ${caseRisk}, effective_priority = (SELECT ${sql.raw(effectivePrioritySql)} FROM (SELECT needs.priority AS priority, needs.age_band AS age_band, ${caseRisk}::text AS risk_level) k)
    WHERE case_id = ${caseId}`.execute(trx);
}

export interface TriageFilter {
  organisationId: string;
  kinds?: NeedKind[];
  nationalities?: string[];
  locationKinds?: LocationKind[];
  ageBands?: AgeBand[];
  limit: number;
  after?: { tier: number; effectivePriority: number; createdAt: string; id: string };
  /** Entries the ordered walk may read before switching plans (tests lower it to force the sparse plan). */
  walkBudget?: number;
  /**
   * The organisation whose survivors' identity envelopes the page carries (names on the board, read in the same
   * statement as the page); absent: none. Another organisation's survivor never has one.
   */
  identitiesOf?: string;
}

/** A board entry: the need without its sealed note (the board never shows it, so it never reads it). */
export interface TriageRow extends Omit<NeedRow, 'noteEnc'> {
  survivorId: string;
  sex: Sex;
  caseStatus: CaseStatus;
  /** core/triage protection flags of the survivor (own organisation's board only). */
  protectionFlags: ProtectionFlag[];
  /** The survivor's identity envelope, when the filter asked for its organisation's and the survivor is one of them. */
  identityEnc: string | null;
}

/** How many board entries the ordered walk reads, per walked range, before it gives up on a sparse filter. */
export const BOARD_WALK_BUDGET = 3000;

/** The filters with an ordered board index per value (0002 needs_board_kind, 0028), and how many values each has. */
const WALKABLE = [
  { column: 'kind', values: (f: TriageFilter) => f.kinds, of: NEED_KINDS.length },
  { column: 'location_kind', values: (f: TriageFilter) => f.locationKinds, of: LOCATION_KINDS.length },
  { column: 'age_band', values: (f: TriageFilter) => f.ageBands, of: AGE_BANDS.length },
] as const;

/**
 * The board: open and in-progress needs, ordered by core/triage TRIAGE_SORT_KEYS, keyset-paginated, answered from
 * indexes for every filter combination (issue #13):
 *  1. Walk in order the narrowest filter's ranges — for each picked value of the kind, location kind or age band
 *     (whichever keeps the smallest share of the vocabulary), its range of needs_board_kind / _location / _age, which
 *     holds the board's order within one value; with all three picked, each combination's range of
 *     needs_board_facets; with none of those picked, needs_board itself — merging the ranges
 *     and checking the other filters on each entry, at most BOARD_WALK_BUDGET entries per range. A range that runs
 *     out of budget leaves a marker row, the key it stopped at: rows before the first marker are exact.
 *  2. When the budget ran out before a page was full (matches are rare along the walked ranges):
 *     - with a nationality picked that no open need of the session's organisation has (the GIN index says so at once;
 *       asked with the walk, when it met no match), nothing;
 *     - with a nationality and nothing else to walk, fetch its matches through the GIN index and sort them (they are
 *       few: the walk found under one in BOARD_WALK_BUDGET / limit); both through refuge_board_nationality_needs;
 *     - otherwise walk the same ranges to the end: exact, and bounded by the narrowest filter's share of the board.
 */
export async function triageBoard(trx: Queryable, f: TriageFilter): Promise<TriageRow[]> {
  const first = await boardPage(trx, f, null);
  return first.complete ? first.rows : triageBoardPastWalk(trx, f);
}

/** Who reads the board in triageBoardInOneCall: the session, and the read's audit entry (view and request). */
export interface BoardReader {
  sessionToken: string;
  audit: { view: string; requestId: string | null };
}

/**
 * Step 1 of triageBoard as one statement outside any transaction (issue #13; the session it sets lasts to the end of
 * the transaction it runs in): as `reader`'s session, with the read's audit entry for the survivors whose identity
 * envelopes the page carries written in the same statement. Answers the page, or that the walk ran out of budget
 * before the page was full; the caller then reads the board in a transaction with triageBoardPastWalk (and audits
 * what that page shows).
 */
export function triageBoardInOneCall(
  db: Queryable,
  reader: BoardReader,
  f: TriageFilter,
): Promise<{ complete: true; rows: TriageRow[] } | { complete: false }> {
  return boardPage(db, f, reader);
}

/**
 * The budgeted walk and the page cut from it (refuge_board_page over refuge_board_walk, migrations 0035 and 0038,
 * whose plans the connection keeps): each walked range yields its matches in order and, if its budget ran out, a
 * marker; the page is complete unless a marker came before it filled. Matched entries come with the page's columns.
 */
async function boardPage(
  db: Queryable,
  f: TriageFilter,
  reader: BoardReader | null,
): Promise<{ complete: true; rows: TriageRow[] } | { complete: false }> {
  const budget = Math.max(1, f.walkBudget ?? BOARD_WALK_BUDGET);
  const limit = Math.max(1, f.limit);
  const driver = walkedFilter(f);
  const list = (values: readonly string[] | undefined) => (values?.length ? sql.val([...values]) : null);
  const at = f.after;
  const { rows } = await sql<{ matched: boolean; cut: boolean } & PageRow>`
    SELECT * FROM refuge_board_page(${reader?.sessionToken ?? null}::text, ${f.organisationId}::uuid,
      ${driver?.column ?? null}::text, ${driver ? sql.val(driver.values) : null}::text[], ${list(f.kinds)}::text[],
      ${list(f.nationalities)}::text[], ${list(f.locationKinds)}::text[], ${list(f.ageBands)}::text[],
      ${at?.tier ?? null}::smallint, ${at?.effectivePriority ?? null}::smallint, ${at?.createdAt ?? null}::timestamptz,
      ${at?.id ?? null}::uuid, ${budget}::integer, ${limit}::integer, ${f.identitiesOf ?? null}::uuid,
      ${reader ? JSON.stringify(reader.audit) : null}::jsonb)`.execute(db);
  // Not complete: one row without an id.
  const [only] = rows;
  if (rows.length === 1 && only!.id === null) return { complete: false };
  return { complete: true, rows: rows.map(boardRow) };
}

/**
 * At most this many (kind, location kind, age band) combinations are walked as ranges of needs_board_facets (0039);
 * more, and one column's ranges are walked instead.
 */
export const BOARD_FACET_RANGES = 16;

/** What the walk follows: 'facets' values are 'kind/location_kind/age_band'. */
interface Walked {
  column: 'kind' | 'location_kind' | 'age_band' | 'facets';
  values: string[];
}

/**
 * The walked ranges: with kind, location kind and age band all picked, each combination of them (if there are at most
 * BOARD_FACET_RANGES); otherwise the picked values of the column that keeps the smallest share of its vocabulary;
 * none: the whole board.
 */
function walkedFilter(f: TriageFilter): Walked | undefined {
  const picked = WALKABLE.filter((w) => w.values(f)?.length).map((w) => ({
    column: w.column,
    values: [...new Set<string>(w.values(f))],
    of: w.of,
  }));
  if (picked.length === WALKABLE.length) {
    const facets = picked.reduce<string[]>(
      (combos, w) => combos.flatMap((c) => w.values.map((v) => (c ? `${c}/${v}` : v))),
      [''],
    );
    if (facets.length <= BOARD_FACET_RANGES) return { column: 'facets', values: facets };
  }
  return picked.sort((x, y) => x.values.length / x.of - y.values.length / y.of)[0];
}

/** The condition that keeps one walked range: its column's value, or a combination's three. */
function rangeCondition(column: Walked['column'], value: string) {
  if (column !== 'facets') return sql`${sql.ref(`n.${column}`)} = ${value}`;
  const [kind, locationKind, ageBand] = value.split('/');
  return sql`n.kind = ${kind} AND n.location_kind = ${locationKind} AND n.age_band = ${ageBand}`;
}

/**
 * Steps 2 and 3 of triageBoard, for when the walk ran out of budget before the page was full (matches are rare along
 * the walked ranges).
 */
export async function triageBoardPastWalk(trx: Queryable, f: TriageFilter): Promise<TriageRow[]> {
  const limit = Math.max(1, f.limit);
  const nationalities = f.nationalities?.length ? f.nationalities : null;
  const driver = walkedFilter(f);
  const keys = sql`n.urgency_tier, n.effective_priority, n.created_at, n.id`;
  const scope = [sql`n.organisation_id = ${f.organisationId}`, sql`n.status IN ('open', 'in_progress')`];
  if (f.after) {
    const a = f.after;
    scope.push(sql`(n.urgency_tier, n.effective_priority, n.created_at, n.id)
        > (${a.tier}::smallint, ${a.effectivePriority}::smallint, ${a.createdAt}::timestamptz, ${a.id}::uuid)`);
  }
  const checks = (except: string | null) => {
    const parts = [];
    if (except !== 'kind' && f.kinds?.length) parts.push(sql`n.kind = ANY(${sql.val(f.kinds)}::text[])`);
    if (nationalities) parts.push(sql`n.nationalities && ${sql.val(nationalities)}::text[]`);
    if (except !== 'location_kind' && f.locationKinds?.length)
      parts.push(sql`n.location_kind = ANY(${sql.val(f.locationKinds)}::text[])`);
    if (except !== 'age_band' && f.ageBands?.length) parts.push(sql`n.age_band = ANY(${sql.val(f.ageBands)}::text[])`);
    return parts;
  };
  const residual = checks(driver?.column ?? null);
  const ranges = driver ? driver.values.map((v) => [...scope, rangeCondition(driver.column, v)]) : [scope];
  if (nationalities && !driver) {
    // Nothing else to walk, and the nationality's needs are few (the walk found under one in budget / limit): fetch
    // and sort them. Sort keys written as expressions (+ 0), so the planner cannot take the ordered walk. The GIN index
    // is read through refuge_board_nationality_needs (0028), as row-level security keeps it from the planner here; it
    // answers for the session's organisation, and system work (no session, no row-level security) reads it directly.
    const { session } = (await sql<{ session: boolean }>`SELECT refuge_org_id() IS NOT NULL AS session`.execute(trx))
      .rows[0]!;
    const ids = session
      ? sql`SELECT id FROM refuge_board_nationality_needs(${sql.val(nationalities)}::text[], NULL) AS id`
      : sql`SELECT id FROM needs WHERE nationalities && ${sql.val(nationalities)}::text[]
              AND status IN ('open', 'in_progress')`;
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    const sparse = await sql<{ id: string }>`
      SELECT n.id FROM needs n WHERE n.id IN (${ids}) AND ${sql.join([...scope, ...residual], sql` AND `)}
      ORDER BY n.urgency_tier + 0, n.effective_priority + 0, n.created_at, n.id LIMIT ${limit}`.execute(trx);
    await sql`SET LOCAL enable_seqscan = on`.execute(trx);
    return finishBoard(trx, sparse.rows, f.identitiesOf);
  }
  // Walk the same ranges to their end: exact, and bounded by the narrowest filter's share of the board.
  const full = await sql<{ id: string }>`
    SELECT u.id FROM (${sql.join(
      ranges.map(
        (where) => sql`(SELECT n.id, n.urgency_tier, n.effective_priority, n.created_at FROM needs n
          WHERE ${sql.join([...where, ...residual], sql` AND `)} ORDER BY ${keys} LIMIT ${limit})`,
      ),
      sql` UNION ALL `,
    )}) u ORDER BY u.urgency_tier, u.effective_priority, u.created_at, u.id LIMIT ${limit}`.execute(trx);
  return finishBoard(trx, full.rows, f.identitiesOf);
}

/** What a board page reads of each need: the need, its case and survivor. */
type PageRow = Omit<Selectable<NeedsTable>, 'note_enc'> & {
  survivor_id: string;
  sex: Sex;
  case_status: CaseStatus;
  protection_flags: ProtectionFlag[];
  identity_enc: string | null;
};

/** The page's columns, over PAGE_JOINS; the survivor's identity envelope only if it is `identitiesOf`'s survivor. */
const pageColumns = (identitiesOf: string | undefined) =>
  sql`n.id, n.case_id, n.organisation_id, n.kind, n.priority, n.status, n.created_by, n.created_at, n.updated_at,
    n.urgency_tier, n.effective_priority, n.age_band, n.nationalities, n.location_kind, n.case_risk, n.version,
    c.survivor_id, s.sex, c.status AS case_status, s.protection_flags, ${
      identitiesOf ? sql`CASE WHEN s.organisation_id = ${identitiesOf} THEN s.identity_enc END` : sql`NULL::text`
    } AS identity_enc`;
const PAGE_JOINS = sql`FROM needs n JOIN cases c ON c.id = n.case_id JOIN survivors s ON s.id = c.survivor_id`;

/**
 * Written out field by field: the same row through needFrom with an object spread and a rest pattern cost about 1 ms
 * a 50-row page (V8 copies a spread's properties one by one at run time), 7.6 % of the server's board CPU (issue #13).
 */
const boardRow = (r: PageRow): TriageRow => ({
  id: r.id,
  caseId: r.case_id,
  organisationId: r.organisation_id,
  kind: r.kind,
  priority: r.priority,
  status: r.status,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  urgencyTier: r.urgency_tier,
  effectivePriority: r.effective_priority,
  ageBand: r.age_band,
  nationalities: r.nationalities,
  locationKind: r.location_kind,
  caseRisk: r.case_risk,
  version: r.version,
  survivorId: r.survivor_id,
  sex: r.sex,
  caseStatus: r.case_status,
  protectionFlags: r.protection_flags,
  identityEnc: r.identity_enc,
});

/** The page's needs with their case and survivor (and identity envelope if asked), in the order of `ids`. */
async function finishBoard(
  trx: Queryable,
  ids: readonly { id: string }[],
  identitiesOf: string | undefined,
): Promise<TriageRow[]> {
  if (ids.length === 0) return [];
  const rows = await sql<PageRow>`SELECT ${pageColumns(identitiesOf)} ${PAGE_JOINS}
    WHERE n.id = ANY(${sql.val(ids.map((r) => r.id))}::uuid[])`.execute(trx);
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return rows.rows.map(boardRow).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}
