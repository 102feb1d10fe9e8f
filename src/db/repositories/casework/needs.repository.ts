import { sql, type Insertable, type Selectable } from 'kysely';
import type {
  AgeBand,
  CaseStatus,
  LocationKind,
  NeedKind,
  NeedPriority,
  NeedStatus,
  RiskLevel,
  Sex,
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

export async function insertNeeds(trx: Queryable, rows: readonly NeedInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('needs')
    .values(
      rows.map((n): Insertable<NeedsTable> => ({
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
      })),
    )
    .execute();
}

export async function findNeed(trx: Queryable, id: string, forUpdate = false): Promise<NeedRow | undefined> {
  let q = trx.selectFrom('needs').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
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

export async function updateNeed(
  trx: Queryable,
  id: string,
  patch: { status?: NeedStatus; priority?: NeedPriority; effectivePriority?: number; at: string },
): Promise<void> {
  await trx
    .updateTable('needs')
    .set({
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
      ...(patch.effectivePriority !== undefined ? { effective_priority: patch.effectivePriority } : {}),
      updated_at: patch.at,
    })
    .where('id', '=', id)
    .execute();
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
}

export interface TriageRow extends NeedRow {
  survivorId: string;
  sex: Sex;
  caseStatus: CaseStatus;
  /** core/triage protection flags of the survivor (own organisation's board only). */
  protectionFlags: ProtectionFlag[];
}

/** How many board entries the ordered walk reads before it gives up on a sparse filter. */
export const BOARD_WALK_BUDGET = 3000;

/**
 * The board: open and in-progress needs, ordered by core/triage TRIAGE_SORT_KEYS, keyset-paginated.
 * Two plans, because no single one is fast for both broad and sparse filters at a million needs:
 *  1. walk `needs_board` in order, at most BOARD_WALK_BUDGET entries, keeping those that match —
 *     one index range read, a few milliseconds when matches are common;
 *  2. only when that window held too few matches: fetch the matching rows through the filter
 *     indexes (needs_board_kind, the GIN on nationalities) and sort them. The sort keys are
 *     written as expressions (`+ 0`) so the planner cannot fall back to the ordered walk, which
 *     reads the whole organisation's board when nothing matches.
 */
export async function triageBoard(trx: Queryable, f: TriageFilter): Promise<TriageRow[]> {
  const budget = f.walkBudget ?? BOARD_WALK_BUDGET;
  const filtered = !!(f.kinds?.length || f.nationalities?.length || f.locationKinds?.length || f.ageBands?.length);
  const conditions = (alias: string) => {
    const parts = [
      sql`${sql.ref(`${alias}.organisation_id`)} = ${f.organisationId}`,
      sql`${sql.ref(`${alias}.status`)} IN ('open', 'in_progress')`,
    ];
    if (f.after) {
      const a = f.after;
      parts.push(sql`(${sql.ref(`${alias}.urgency_tier`)}, ${sql.ref(`${alias}.effective_priority`)}, ${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)})
        > (${a.tier}::smallint, ${a.effectivePriority}::smallint, ${a.createdAt}::timestamptz, ${a.id}::uuid)`);
    }
    return parts;
  };
  const filters = (alias: string) => {
    const parts = [];
    if (f.kinds?.length) parts.push(sql`${sql.ref(`${alias}.kind`)} = ANY(${sql.val(f.kinds)}::text[])`);
    if (f.nationalities?.length)
      parts.push(sql`${sql.ref(`${alias}.nationalities`)} && ${sql.val(f.nationalities)}::text[]`);
    if (f.locationKinds?.length)
      parts.push(sql`${sql.ref(`${alias}.location_kind`)} = ANY(${sql.val(f.locationKinds)}::text[])`);
    if (f.ageBands?.length) parts.push(sql`${sql.ref(`${alias}.age_band`)} = ANY(${sql.val(f.ageBands)}::text[])`);
    return parts;
  };
  const finish = async (ids: { id: string }[]): Promise<TriageRow[]> => {
    if (ids.length === 0) return [];
    const rows = await trx
      .selectFrom('needs as n')
      .innerJoin('cases as c', 'c.id', 'n.case_id')
      .innerJoin('survivors as s', 's.id', 'c.survivor_id')
      .selectAll('n')
      .select(['c.survivor_id', 's.sex', 'c.status as case_status', 's.protection_flags'])
      .where(
        'n.id',
        'in',
        ids.map((r) => r.id),
      )
      .execute();
    const order = new Map(ids.map((r, i) => [r.id, i]));
    return rows
      .map((r) => ({
        ...needFrom(r),
        survivorId: r.survivor_id,
        sex: r.sex,
        caseStatus: r.case_status,
        protectionFlags: r.protection_flags,
      }))
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  };

  const walk = await sql<{ id: string; matched: boolean }>`
    SELECT w.id, (${filtered ? sql.join(filters('w'), sql` AND `) : sql`true`}) AS matched FROM (
      SELECT * FROM needs n WHERE ${sql.join(conditions('n'), sql` AND `)}
      ORDER BY n.urgency_tier, n.effective_priority, n.created_at, n.id LIMIT ${filtered ? budget : f.limit}
    ) w ORDER BY w.urgency_tier, w.effective_priority, w.created_at, w.id`.execute(trx);
  const matched = walk.rows.filter((r) => r.matched);
  if (matched.length >= f.limit || walk.rows.length < (filtered ? budget : f.limit))
    return finish(matched.slice(0, f.limit));

  // Array statistics cannot tell that a nationality is absent, so the planner may pick a sequential
  // scan of every need; for this one statement, ask for the filter indexes instead.
  await sql`SET LOCAL enable_seqscan = off`.execute(trx);
  const sparse = await sql<{ id: string }>`
    SELECT n.id FROM needs n WHERE ${sql.join([...conditions('n'), ...filters('n')], sql` AND `)}
    ORDER BY n.urgency_tier + 0, n.effective_priority + 0, n.created_at, n.id LIMIT ${f.limit}`.execute(trx);
  await sql`SET LOCAL enable_seqscan = on`.execute(trx);
  return finish(sparse.rows);
}
