import { sanitiseFileName, SUSPICIOUS_FILE_NAME_FINDINGS } from '../../core/evidence/file-name.ts';
import { sniffContentType, type SniffedType } from '../../core/evidence/sniff-content-type.ts';
import type { AttachmentView, NoteView } from '../../contracts/casework/cases.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  findAttachment,
  insertAttachment,
  insertNotes,
  type AttachmentRow,
  type NoteRow,
} from '../../db/repositories/casework/records.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { audit } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { readFileBytes, storeFile } from '../files.service.ts';
import { timelineEvents } from '../../core/cases/timeline.ts';
import { loadVisibleCase, recordCaseEvent } from './access.service.ts';

/**
 * Case attachments: scans, photos of documents, medical letters. Sniffed from the bytes, never trusted from the client.
 */
export const ATTACHMENT_TYPES: readonly SniffedType[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'application/pdf',
  'text/plain',
];
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const UNINFORMATIVE = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

export const openNote = (app: AppContext, n: NoteRow): NoteView => ({
  id: n.id,
  body: app.cipher.decrypt(n.bodyEnc, encryptionContext('case_notes', 'body_enc', n.id)),
  authorId: n.authorId,
  createdAt: n.createdAt,
});

export const openAttachment = (app: AppContext, a: AttachmentRow): AttachmentView => ({
  id: a.id,
  fileName: app.cipher.decrypt(a.fileNameEnc, encryptionContext('case_attachments', 'file_name_enc', a.id)),
  contentType: a.contentType,
  size: a.size,
  sha256: a.sha256,
  uploadedBy: a.uploadedBy,
  createdAt: a.createdAt,
});

export async function addNote(app: AppContext, actor: RequestActor, caseId: string, body: string): Promise<NoteView> {
  return asActor(app.database, actor, async (trx) => {
    const { access } = await loadVisibleCase(trx, actor, caseId, 'update', 'case');
    if (access !== 'owner') throw forbidden('notes belong to the organisation that owns the case');
    const id = app.newId();
    const at = app.now().toISOString();
    const row: NoteRow = {
      id,
      caseId,
      organisationId: actor.organisationId,
      authorId: actor.userId,
      createdAt: at,
      bodyEnc: app.cipher.encrypt(body, encryptionContext('case_notes', 'body_enc', id)),
    };
    await insertNotes(trx, [row]);
    await recordCaseEvent(trx, app, actor, caseId, timelineEvents.note(), at);
    await audit(trx, app, actor, 'case.note', 'case', caseId, { noteId: id });
    return openNote(app, row);
  });
}

/** Stores an attachment encrypted at rest (services/files storeFile), recording its SHA-256. */
export async function addAttachment(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  input: { fileName: string; contentType: string; dataBase64: string },
): Promise<AttachmentView> {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const name = sanitiseFileName(input.fileName);
  const fields: Record<string, string> = {};
  if (bytes.length === 0) fields['body.dataBase64'] = 'the file is empty';
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    fields['body.dataBase64'] = `the file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`;
  if (name.findings.some((f) => SUSPICIOUS_FILE_NAME_FINDINGS.has(f)))
    fields['body.fileName'] = `unsafe file name (${name.findings.join(', ')})`;
  const sniffed = bytes.length ? sniffContentType(bytes.subarray(0, 4096), bytes.length) : null;
  if (bytes.length && (!sniffed || !ATTACHMENT_TYPES.includes(sniffed)))
    fields['body.dataBase64'] =
      `this kind of file is not accepted${sniffed ? ` (${sniffed})` : ''}; send an image, a PDF or plain text`;
  const declared = input.contentType.split(';')[0]!.trim().toLowerCase(); // split yields at least one part
  if (sniffed && !UNINFORMATIVE.has(declared) && declared !== sniffed)
    fields['body.contentType'] = `the file is ${sniffed}, not ${declared}`;
  if (Object.keys(fields).length) throw invalid(fields);
  return asActor(app.database, actor, async (trx) => {
    const { access } = await loadVisibleCase(trx, actor, caseId, 'update', 'case');
    if (access !== 'owner') throw forbidden('attachments belong to the organisation that owns the case');
    const stored = await storeFile(app, trx, bytes, sniffed!);
    const id = app.newId();
    const at = app.now().toISOString();
    const row: AttachmentRow = {
      id,
      caseId,
      organisationId: actor.organisationId,
      sha256: stored.sha256,
      size: stored.size,
      contentType: sniffed!,
      uploadedBy: actor.userId,
      createdAt: at,
      fileNameEnc: app.cipher.encrypt(name.displayName, encryptionContext('case_attachments', 'file_name_enc', id)),
    };
    await insertAttachment(trx, row);
    await recordCaseEvent(trx, app, actor, caseId, timelineEvents.attachmentAdded(sniffed!, stored.size), at);
    await audit(trx, app, actor, 'case.attachment', 'case', caseId, {
      attachmentId: id,
      sha256: stored.sha256,
      size: stored.size,
    });
    return openAttachment(app, row);
  });
}

export async function readAttachment(
  app: AppContext,
  actor: RequestActor,
  caseId: string,
  attachmentId: string,
): Promise<{ bytes: Buffer; contentType: string; fileName: string }> {
  return asActor(app.database, actor, async (trx) => {
    const { access } = await loadVisibleCase(trx, actor, caseId, 'read', 'case');
    const row = access === 'owner' ? await findAttachment(trx, caseId, attachmentId) : undefined;
    if (!row) throw notFound('attachment');
    const file = await readFileBytes(app, trx, row.sha256);
    await audit(trx, app, actor, 'case.attachment.read', 'case', caseId, { attachmentId });
    return { bytes: file.bytes, contentType: row.contentType, fileName: openAttachment(app, row).fileName };
  });
}
