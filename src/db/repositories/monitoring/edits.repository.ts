/** Edit history of shared monitoring objects: the only SQL touching monitoring_edits (append-only). */
import type { Queryable } from '../../transaction.ts';

export type EditSubject = 'evidence' | 'compound';

export interface EditRow {
  id: string;
  subjectType: EditSubject;
  subjectId: string;
  organisationId: string;
  organisationName: string | null;
  userId: string;
  at: string;
  action: string;
  fields: string[];
  changesEnc: string;
}

export interface EditInsert {
  id: string;
  subjectType: EditSubject;
  subjectId: string;
  organisationId: string;
  userId: string;
  at: string;
  action: string;
  fields: string[];
  changesEnc: string;
}

export async function insertEdit(trx: Queryable, e: EditInsert): Promise<void> {
  await trx
    .insertInto('monitoring_edits')
    .values({
      id: e.id,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      organisation_id: e.organisationId,
      user_id: e.userId,
      at: e.at,
      action: e.action,
      fields: e.fields,
      changes_enc: e.changesEnc,
    })
    .execute();
}

/** In the order they were recorded, oldest first, bounded. */
export async function listEdits(
  trx: Queryable,
  subjectType: EditSubject,
  subjectId: string,
  limit = 500,
): Promise<EditRow[]> {
  const rows = await trx
    .selectFrom('monitoring_edits as m')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.subject_type',
      'm.subject_id',
      'm.organisation_id',
      'o.name as organisation_name',
      'm.user_id',
      'm.at',
      'm.action',
      'm.fields',
      'm.changes_enc',
    ])
    .where('m.subject_type', '=', subjectType)
    .where('m.subject_id', '=', subjectId)
    .orderBy('m.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name ?? null,
    userId: r.user_id,
    at: new Date(r.at).toISOString(),
    action: r.action,
    fields: r.fields,
    changesEnc: r.changes_enc,
  }));
}
