import type { Queryable } from '../../transaction.ts';

/** Notes, attachments and screenings of a case (content encrypted by the service). */

export interface NoteRow {
  id: string;
  caseId: string;
  organisationId: string;
  authorId: string | null;
  createdAt: string;
  bodyEnc: string;
}

export async function insertNotes(trx: Queryable, rows: readonly NoteRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('case_notes')
    .values(
      rows.map((n) => ({
        id: n.id,
        case_id: n.caseId,
        organisation_id: n.organisationId,
        author_id: n.authorId,
        created_at: n.createdAt,
        body_enc: n.bodyEnc,
      })),
    )
    .execute();
}

export async function listNotes(trx: Queryable, caseId: string, limit: number): Promise<NoteRow[]> {
  const rows = await trx
    .selectFrom('case_notes')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    organisationId: r.organisation_id,
    authorId: r.author_id,
    createdAt: r.created_at,
    bodyEnc: r.body_enc,
  }));
}

export interface AttachmentRow {
  id: string;
  caseId: string;
  organisationId: string;
  sha256: string;
  size: number;
  contentType: string;
  fileNameEnc: string;
  uploadedBy: string | null;
  createdAt: string;
}

export async function insertAttachment(trx: Queryable, a: AttachmentRow): Promise<void> {
  await trx
    .insertInto('case_attachments')
    .values({
      id: a.id,
      case_id: a.caseId,
      organisation_id: a.organisationId,
      sha256: a.sha256,
      size: a.size,
      content_type: a.contentType,
      file_name_enc: a.fileNameEnc,
      uploaded_by: a.uploadedBy,
      created_at: a.createdAt,
    })
    .execute();
}

const attachmentFrom = (r: any): AttachmentRow => ({
  id: r.id,
  caseId: r.case_id,
  organisationId: r.organisation_id,
  sha256: r.sha256,
  size: Number(r.size),
  contentType: r.content_type,
  fileNameEnc: r.file_name_enc,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

export async function listAttachments(trx: Queryable, caseId: string, limit: number): Promise<AttachmentRow[]> {
  const rows = await trx
    .selectFrom('case_attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(attachmentFrom);
}

export async function findAttachment(trx: Queryable, caseId: string, id: string): Promise<AttachmentRow | undefined> {
  const row = await trx
    .selectFrom('case_attachments')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? attachmentFrom(row) : undefined;
}

export interface ScreeningRow {
  id: string;
  caseId: string;
  organisationId: string;
  answers: Record<string, string>;
  notesEnc: string | null;
  outcome: string;
  ruleVersion: string;
  rulesMet: string[];
  recordedBy: string | null;
  recordedAt: string;
}

export async function insertScreenings(trx: Queryable, rows: readonly ScreeningRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('screenings')
    .values(
      rows.map((s) => ({
        id: s.id,
        case_id: s.caseId,
        organisation_id: s.organisationId,
        answers: JSON.stringify(s.answers),
        notes_enc: s.notesEnc,
        outcome: s.outcome,
        rule_version: s.ruleVersion,
        rules_met: JSON.stringify(s.rulesMet),
        recorded_by: s.recordedBy,
        recorded_at: s.recordedAt,
      })),
    )
    .execute();
}

/** The latest screening of a case (earlier ones stay as history). */
export async function latestScreening(trx: Queryable, caseId: string): Promise<ScreeningRow | undefined> {
  const r = await trx
    .selectFrom('screenings')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r
    ? {
        id: r.id,
        caseId: r.case_id,
        organisationId: r.organisation_id,
        answers: r.answers as unknown as Record<string, string>,
        notesEnc: r.notes_enc,
        outcome: r.outcome,
        ruleVersion: r.rule_version,
        rulesMet: r.rules_met as unknown as string[],
        recordedBy: r.recorded_by,
        recordedAt: r.recorded_at,
      }
    : undefined;
}
