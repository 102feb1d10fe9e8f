import type { CompiledQuery, Insertable, Selectable } from 'kysely';
import type { CaseAttachmentsTable, CaseNotesTable, ScreeningsTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';
import type { RowOf } from '../rows.ts';

/** Notes, attachments and screenings of a case (content encrypted by the service). */

export type NoteRow = RowOf<CaseNotesTable>;

export async function insertNotes(trx: Queryable, rows: readonly NoteRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('case_notes')
    .values(
      rows.map((n): Insertable<CaseNotesTable> => ({
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

export type AttachmentRow = RowOf<CaseAttachmentsTable>;

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

const attachmentFrom = (r: Selectable<CaseAttachmentsTable>): AttachmentRow => ({
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

export type ScreeningRow = RowOf<ScreeningsTable>;

export async function insertScreenings(trx: Queryable, rows: readonly ScreeningRow[]): Promise<void> {
  if (rows.length > 0) await trx.executeQuery(screeningsInsert(trx, rows));
}

/** The statement insertScreenings sends, for a caller that writes it together with others (db/write-together). */
export function screeningsInsert(trx: Queryable, rows: readonly ScreeningRow[]): CompiledQuery {
  return trx
    .insertInto('screenings')
    .values(
      rows.map((s): Insertable<ScreeningsTable> => ({
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
    .compile();
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
        answers: r.answers,
        notesEnc: r.notes_enc,
        outcome: r.outcome,
        ruleVersion: r.rule_version,
        rulesMet: r.rules_met,
        recordedBy: r.recorded_by,
        recordedAt: r.recorded_at,
      }
    : undefined;
}
