import { sql } from 'kysely';
import type { Queryable } from '../transaction.ts';

/** A stored public release (migration 0012): already-suppressed figures only. */
export interface PublicReleaseRow {
  id: string;
  seq: number;
  createdAt: string;
  minimumCell: number;
  withheldForDifferencing: number;
  figures: unknown;
}

const iso = (v: unknown) => new Date(String(v)).toISOString();

/** Every release, oldest first (the next release is checked against each). */
export async function listPublicReleases(trx: Queryable): Promise<PublicReleaseRow[]> {
  const rows = await trx
    .selectFrom('public_releases')
    .select(['id', 'seq', 'created_at', 'minimum_cell', 'withheld_for_differencing', 'figures'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    createdAt: iso(r.created_at),
    minimumCell: r.minimum_cell,
    withheldForDifferencing: r.withheld_for_differencing,
    figures: typeof r.figures === 'string' ? JSON.parse(r.figures) : r.figures,
  }));
}

export async function latestPublicRelease(trx: Queryable): Promise<PublicReleaseRow | null> {
  const all = await listPublicReleases(trx);
  return all.at(-1) ?? null;
}

/** Inserts release `seq`; a unique `seq` makes two concurrent releases fail instead of skipping each other's check. */
export async function insertPublicRelease(
  trx: Queryable,
  row: PublicReleaseRow & { organisationId: string; createdBy: string },
): Promise<void> {
  await trx
    .insertInto('public_releases')
    .values({
      id: row.id,
      seq: row.seq,
      organisation_id: row.organisationId,
      created_by: row.createdBy,
      created_at: row.createdAt,
      minimum_cell: row.minimumCell,
      withheld_for_differencing: row.withheldForDifferencing,
      figures: JSON.stringify(row.figures),
    })
    .execute();
}

export interface PublicCompoundRow {
  id: string;
  names: { name: string; lang: string | null }[];
  province: string | null;
  status: string;
  statusSince: string | null;
  point: unknown;
  sources: { publisher: string | null; url: string | null }[];
}

/**
 * Compounds with at least one verified, public, non-testimony, unretracted evidence item, and the published sources of
 * those items (publisher and URL only). Nothing else about the evidence, and no other compound, leaves here.
 */
export async function verifiedPublicCompounds(trx: Queryable): Promise<PublicCompoundRow[]> {
  const { rows } = await sql<{
    id: string;
    names: unknown;
    province: string | null;
    status: string;
    status_since: unknown;
    point: unknown;
    sources: unknown;
  }>`
    WITH published AS (
      SELECT e.compound_id, e.source_publisher, e.source_url FROM evidence e
      WHERE e.compound_id IS NOT NULL AND e.verification_state = 'verified' AND e.retracted_at IS NULL
        AND e.kind <> 'testimony' AND e.sensitivity = 'public'
    )
    SELECT c.id, c.names, c.province, c.status, c.status_since, c.point,
      coalesce((SELECT jsonb_agg(DISTINCT jsonb_build_object('publisher', p.source_publisher, 'url', p.source_url))
        FROM published p WHERE p.compound_id = c.id AND (p.source_publisher IS NOT NULL OR p.source_url IS NOT NULL)), '[]'::jsonb) AS sources
    FROM compounds c WHERE EXISTS (SELECT 1 FROM published p WHERE p.compound_id = c.id)
    ORDER BY c.id`.execute(trx);
  const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
  return rows.map((r) => ({
    id: r.id,
    names: json(r.names) as { name: string; lang: string | null }[],
    province: r.province,
    status: r.status,
    statusSince: r.status_since == null ? null : String(r.status_since).slice(0, 10),
    point: json(r.point),
    sources: json(r.sources) as { publisher: string | null; url: string | null }[],
  }));
}
