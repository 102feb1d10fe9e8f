/**
 * Serving an item's files: the untouched original (download and in-page viewer) and its thumbnail. Every byte that
 * leaves is a custody entry.
 */
import type { ByteRange } from '../../core/evidence/byte-range.ts';
import { inlineMedia } from '../../core/evidence/inline-media.ts';
import { seesCaptureMetadata } from '../../core/evidence/metadata-disclosure.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { readFileBytes } from '../files.service.ts';
import { authorise, metadataAudience } from './access.service.ts';
import { appendCustody } from './custody.service.ts';
import { loadEvidence } from './evidence-read.service.ts';

/** The original's file, or 403 for readers who may not have its metadata (location, device). */
async function readOriginal(app: AppContext, trx: Tx, actor: RequestActor, id: string) {
  const row = await loadEvidence(trx, id);
  if (!row.sha256) throw notFound('file of this evidence');
  // The untouched original still carries the file's metadata (EXIF GPS, device): only its readers get it.
  if (!seesCaptureMetadata(await metadataAudience(trx, actor), row.organisationId)) {
    throw forbidden(
      "the original keeps the file's own metadata (location, device); only the uploading organisation and " +
        'permitted verifiers may download it — use the working copy',
    );
  }
  const file = await readFileBytes(app, trx, row.sha256);
  return {
    bytes: file.bytes,
    contentType: file.contentType,
    fileName: row.displayName ?? `${row.sha256}`,
    sha256: row.sha256,
  };
}

/** The untouched original, as stored; every export is a custody entry. */
export async function exportOriginal(
  app: AppContext,
  actor: RequestActor,
  id: string,
): Promise<{ bytes: Buffer; contentType: string; fileName: string; sha256: string }> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    const file = await readOriginal(app, trx, actor, id);
    await appendCustody(trx, app, actor, id, 'exported', { sha256: file.sha256, copy: 'original' });
    return file;
  });
}

/**
 * The original for the viewer (same readers as the download). Each request is a custody entry — a <video> asks
 * for several byte ranges as it plays and seeks, and every byte that leaves is accounted for; the range is recorded.
 */
export async function viewOriginal(
  app: AppContext,
  actor: RequestActor,
  id: string,
  range: (size: number) => ByteRange,
): Promise<{ bytes: Buffer; contentType: string; size: number; range: ByteRange }> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    const file = await readOriginal(app, trx, actor, id);
    if (!inlineMedia(file.contentType))
      throw conflict(`a ${file.contentType} file is not shown in the viewer; download the original`);
    const asked = range(file.bytes.length);
    if (asked.kind !== 'unsatisfiable')
      await appendCustody(trx, app, actor, id, 'accessed', {
        copy: 'original',
        view: 'media',
        range: asked.kind === 'partial' ? `${asked.start}-${asked.end}` : 'all',
      });
    return { bytes: file.bytes, contentType: file.contentType, size: file.bytes.length, range: asked };
  });
}

export async function readThumbnail(app: AppContext, actor: RequestActor, id: string): Promise<Buffer> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    const row = await loadEvidence(trx, id);
    if (!row.thumbnailSha256) throw notFound('thumbnail');
    const file = await readFileBytes(app, trx, row.thumbnailSha256);
    await appendCustody(trx, app, actor, id, 'accessed', { copy: 'thumbnail' });
    return file.bytes;
  });
}
