import { sql, type CompiledQuery } from 'kysely';
import type { AuditEntry } from '../../core/audit/entry.ts';
import type { Frontier } from '../../core/audit/merkle.ts';
import type { Queryable } from '../transaction.ts';
import { onlyRow } from '../only-row.ts';

export interface AuditAppend {
  actorUserId: string | null;
  organisationId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/**
 * Appends one unsealed event inside the caller's transaction, without any global lock.
 * As the owner the given actor is recorded; as refuge_app the database ignores actor and
 * organisation and records the transaction's own (refuge_user_id / refuge_org_id).
 */
export async function appendAudit(trx: Queryable, e: AuditAppend): Promise<number> {
  const { rows } = await trx.executeQuery<{ seq: string }>(auditAppend(trx, e));
  return Number(onlyRow(rows).seq);
}

/** The statement appendAudit sends, for a caller that writes it together with others (db/write-together). */
export function auditAppend(trx: Queryable, e: AuditAppend): CompiledQuery<{ seq: string }> {
  return sql<{ seq: string }>`SELECT refuge_audit(${e.actorUserId}::uuid, ${e.organisationId}::uuid, ${e.action},
    ${e.resourceType}, ${e.resourceId}, ${e.requestId}, ${JSON.stringify(e.details)}::jsonb) AS seq`.compile(trx);
}

/** Appends many events in one statement (same rules as appendAudit). */
export async function appendAuditMany(trx: Queryable, events: readonly AuditAppend[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    a: e.actorUserId,
    o: e.organisationId,
    act: e.action,
    rt: e.resourceType,
    ri: e.resourceId,
    rq: e.requestId,
    d: e.details,
  }));
  await sql`SELECT refuge_audit(v.a, v.o, v.act, v.rt, v.ri, v.rq, v.d) FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
    AS v(a uuid, o uuid, act text, rt text, ri text, rq text, d jsonb)`.execute(trx);
}

// The time as hashed: UTC with microseconds, formatted by the database so no precision is lost.
const AT = sql<string>`to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

interface EntryRow {
  leaf_index: string | null;
  seq: string;
  at: string;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  leaf_hash: string | null;
}

const toEntry = (r: EntryRow, leafIndex: number): AuditEntry => ({
  leafIndex,
  seq: Number(r.seq),
  at: r.at,
  actorUserId: r.actor_user_id,
  organisationId: r.organisation_id,
  action: r.action,
  resourceType: r.resource_type,
  resourceId: r.resource_id,
  requestId: r.request_id,
  details: r.details ?? {},
});

const COLUMNS = sql`leaf_index, seq, ${AT} AS at, actor_user_id, organisation_id, action, resource_type, resource_id, request_id, details, leaf_hash`;

/** Committed entries not yet in the tree, oldest first (index leafIndex is a placeholder, -1). */
export async function readUnsealed(trx: Queryable, limit: number): Promise<AuditEntry[]> {
  const { rows } =
    await sql<EntryRow>`SELECT ${COLUMNS} FROM audit_events WHERE leaf_index IS NULL ORDER BY seq LIMIT ${limit}`.execute(
      trx,
    );
  return rows.map((r) => toEntry(r, -1));
}

/** Sealed entries in leaf order, a page at a time, with the leaf hash they were sealed with. */
export async function readSealedPage(
  trx: Queryable,
  afterLeaf: number,
  limit: number,
): Promise<{ entry: AuditEntry; leafHash: string }[]> {
  const { rows } =
    await sql<EntryRow>`SELECT ${COLUMNS} FROM audit_events WHERE leaf_index > ${afterLeaf} ORDER BY leaf_index LIMIT ${limit}`.execute(
      trx,
    );
  return rows.map((r) => ({ entry: toEntry(r, Number(r.leaf_index)), leafHash: r.leaf_hash! }));
}

/** The highest leaf index sealed so far (-1 when nothing is sealed). */
export async function highestSealedLeaf(trx: Queryable): Promise<number> {
  const { rows } = await sql<{ n: string | number | null }>`SELECT max(leaf_index) AS n FROM audit_events`.execute(trx);
  const n = rows[0]?.n;
  return n === null || n === undefined ? -1 : Number(n);
}

/** Leaf hashes of the first `size` leaves, in order (to build proofs). */
export async function readLeafHashes(trx: Queryable, afterLeaf: number, limit: number): Promise<string[]> {
  const { rows } = await sql<{
    leaf_hash: string;
  }>`SELECT leaf_hash FROM audit_events WHERE leaf_index > ${afterLeaf} ORDER BY leaf_index LIMIT ${limit}`.execute(
    trx,
  );
  return rows.map((r) => r.leaf_hash);
}

export async function markSealed(
  trx: Queryable,
  sealed: readonly { seq: number; leafIndex: number; leafHash: string }[],
): Promise<void> {
  if (sealed.length === 0) return;
  await sql`UPDATE audit_events a SET leaf_index = v.leaf_index, leaf_hash = v.leaf_hash
    FROM jsonb_to_recordset(${JSON.stringify(sealed.map((s) => ({ seq: s.seq, leaf_index: s.leafIndex, leaf_hash: s.leafHash })))}::jsonb)
      AS v(seq bigint, leaf_index bigint, leaf_hash text)
    WHERE a.seq = v.seq AND a.leaf_index IS NULL`.execute(trx);
}

export interface StoredTreeHead {
  treeSize: number;
  rootHash: string;
  frontier: Frontier;
  timestamp: string;
  keyId: string;
  signature: string;
}

export async function latestTreeHead(trx: Queryable): Promise<StoredTreeHead | null> {
  const { rows } = await sql<{
    tree_size: string;
    root_hash: string;
    frontier: string[];
    signed_at: string;
    key_id: string;
    signature: string;
  }>`
    SELECT tree_size, root_hash, frontier, to_char(signed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS signed_at, key_id, signature
    FROM audit_tree_heads ORDER BY tree_size DESC LIMIT 1`.execute(trx);
  const r = rows[0];
  if (!r) return null;
  const treeSize = Number(r.tree_size);
  return {
    treeSize,
    rootHash: r.root_hash,
    frontier: { size: treeSize, hashes: r.frontier },
    timestamp: r.signed_at,
    keyId: r.key_id,
    signature: r.signature,
  };
}

export async function insertTreeHead(trx: Queryable, head: StoredTreeHead): Promise<void> {
  await sql`INSERT INTO audit_tree_heads(tree_size, root_hash, frontier, signed_at, key_id, signature)
    VALUES (${head.treeSize}, ${head.rootHash}, ${JSON.stringify(head.frontier.hashes)}::jsonb, ${head.timestamp}::timestamptz, ${head.keyId}, ${head.signature})`.execute(
    trx,
  );
}

/** Serialises sealers across processes (appenders never take it). */
export async function lockSealer(trx: Queryable): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7301002)`.execute(trx);
}

/** The database clock as the sealer stamps tree heads: UTC, microseconds. */
export async function databaseTime(trx: Queryable): Promise<string> {
  const { rows } = await sql<{
    t: string;
  }>`SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t`.execute(trx);
  return onlyRow(rows).t;
}

/** Entries that have waited longer than `seconds` to be sealed. */
export async function overdueUnsealed(
  trx: Queryable,
  seconds: number,
): Promise<{ count: number; oldestSeq: number | null }> {
  const { rows } = await sql<{
    n: number;
    oldest: string | null;
  }>`SELECT count(*)::int AS n, min(seq) AS oldest FROM audit_events
    WHERE leaf_index IS NULL AND at < clock_timestamp() - make_interval(secs => ${seconds})`.execute(trx);
  const { n, oldest } = onlyRow(rows);
  return { count: n, oldestSeq: oldest === null ? null : Number(oldest) };
}

/** Audit entries that anchor custody entries of one item (sealed ones, in leaf order). */
export async function sealedAnchorsOf(trx: Queryable, evidenceId: string): Promise<AuditEntry[]> {
  const { rows } = await sql<EntryRow>`SELECT ${COLUMNS} FROM audit_events
    WHERE resource_type = 'evidence' AND resource_id = ${evidenceId} AND details ? 'custodyHash' AND leaf_index IS NOT NULL ORDER BY leaf_index`.execute(
    trx,
  );
  return rows.map((r) => toEntry(r, Number(r.leaf_index)));
}

/** Custody hashes anchored by entries not yet sealed (evidence id → seq → hash). */
export async function unsealedAnchors(trx: Queryable): Promise<AuditEntry[]> {
  const { rows } =
    await sql<EntryRow>`SELECT ${COLUMNS} FROM audit_events WHERE leaf_index IS NULL AND resource_type = 'evidence' AND details ? 'custodyHash'`.execute(
      trx,
    );
  return rows.map((r) => toEntry(r, -1));
}

export interface AuditListItem {
  seq: number;
  at: string;
  actorUserId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
}

export async function listAuditForOrganisation(
  trx: Queryable,
  organisationId: string,
  limit: number,
  beforeSeq?: number,
): Promise<AuditListItem[]> {
  let q = trx
    .selectFrom('audit_events')
    .select(['seq', 'at', 'actor_user_id', 'action', 'resource_type', 'resource_id'])
    .where('organisation_id', '=', organisationId);
  if (beforeSeq) q = q.where('seq', '<', beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actorUserId: r.actor_user_id,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
  }));
}
