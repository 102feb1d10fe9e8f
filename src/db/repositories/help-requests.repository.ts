import type { HelpRequestStatus } from '../../core/help/help-request.ts';
import type { Queryable } from '../transaction.ts';

/** One help request (migration 0015b); `contentEnc` is everything the person wrote. */
export interface HelpRequestRow {
  id: string;
  organisationId: string;
  language: string;
  status: HelpRequestStatus;
  codeHash: string;
  contentEnc: string;
  /** Where to go and the flight date (0021), null until the organisation sets them. */
  nextStepsEnc?: string | null;
  createdAt: string;
}

const iso = (v: unknown) => new Date(String(v)).toISOString();

/** The organisation a help link names, by slug (system: the public page has no session). */
export async function organisationBySlug(trx: Queryable, slug: string): Promise<{ id: string } | null> {
  const row = await trx.selectFrom('organisations').select('id').where('slug', '=', slug).executeTakeFirst();
  return row ?? null;
}

export async function insertHelpRequest(trx: Queryable, row: HelpRequestRow): Promise<void> {
  await trx
    .insertInto('help_requests')
    .values({
      id: row.id,
      organisation_id: row.organisationId,
      language: row.language,
      status: row.status,
      code_hash: row.codeHash,
      content_enc: row.contentEnc,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    })
    .execute();
}

/** The status and next steps behind a code's hash (the id only to open the sealed next steps), and nothing else. */
export async function helpStatusByCodeHash(
  trx: Queryable,
  codeHash: string,
): Promise<{ id: string; status: HelpRequestStatus; nextStepsEnc: string | null } | null> {
  const row = await trx
    .selectFrom('help_requests')
    .select(['id', 'status', 'next_steps_enc'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return row ? { id: row.id, status: row.status, nextStepsEnc: row.next_steps_enc } : null;
}

/** The signed-in organisation's queue, newest first (row-level security keeps it to that organisation). */
export async function listHelpRequests(
  trx: Queryable,
  organisationId: string,
  limit: number,
): Promise<HelpRequestRow[]> {
  const rows = await trx
    .selectFrom('help_requests')
    .select(['id', 'organisation_id', 'language', 'status', 'code_hash', 'content_enc', 'next_steps_enc', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    language: r.language,
    status: r.status,
    codeHash: r.code_hash,
    contentEnc: r.content_enc,
    nextStepsEnc: r.next_steps_enc,
    createdAt: iso(r.created_at),
  }));
}

/**
 * One request of the caller's organisation, locked until the transaction ends (FOR NO KEY UPDATE): two changes to the same
 * request run one after the other, so the second sees what the first did (and a change made twice queues one message).
 */
export async function lockHelpRequest(
  trx: Queryable,
  id: string,
): Promise<Pick<
  HelpRequestRow,
  'id' | 'organisationId' | 'language' | 'status' | 'contentEnc' | 'nextStepsEnc'
> | null> {
  const row = await trx
    .selectFrom('help_requests')
    .select(['id', 'organisation_id', 'language', 'status', 'content_enc', 'next_steps_enc'])
    .where('id', '=', id)
    .forNoKeyUpdate()
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        organisationId: row.organisation_id,
        language: row.language,
        status: row.status,
        contentEnc: row.content_enc,
        nextStepsEnc: row.next_steps_enc,
      }
    : null;
}

export async function setHelpRequestStatus(
  trx: Queryable,
  id: string,
  status: HelpRequestStatus,
  by: string,
  at: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('help_requests')
    .set({ status, updated_by: by, updated_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Sets what the person is told to do next (sealed by the caller); false when the request is not the caller's. */
export async function setHelpRequestNextSteps(
  trx: Queryable,
  id: string,
  nextStepsEnc: string,
  by: string,
  at: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('help_requests')
    .set({ next_steps_enc: nextStepsEnc, updated_by: by, updated_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
