/**
 * Evidence in: an item registered without a file (a URL to capture later, a testimony note), an uploaded original, or
 * an article the article ingest stored. Every new item starts its chain of custody with `ingested`.
 */
import type { EvidenceInput, EvidenceUploadQuery, EvidenceView } from '../../contracts/monitoring/evidence.ts';
import { evidenceMapDay } from '../../core/evidence/map-day.ts';
import { evidenceSensitivity } from '../../core/evidence/sensitivity.ts';
import { sha256Hex } from '../../core/evidence/sha256.ts';
import { SNIFF_BYTES } from '../../core/evidence/sniff-content-type.ts';
import { checkUpload, type UploadRejection } from '../../core/evidence/upload-acceptance.ts';
import type { PointGeometry } from '../../core/geo/geojson-types.ts';
import type { EvidenceKind, SensitivityLevel } from '../../core/vocabulary.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { findCompound } from '../../db/repositories/monitoring/compounds.repository.ts';
import {
  findFirstWithSha,
  insertEvidence,
  type EvidenceInsert,
} from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { invalid, ServiceError } from '../errors.ts';
import { storeFile } from '../files.service.ts';
import { authorise, checkSensitiveWrite } from './access.service.ts';
import { assignPoint, footprintIndex } from './assignment.service.ts';
import { appendCustody } from './custody.service.ts';
import { evidenceView, loadEvidence } from './evidence-read.service.ts';
import { processFile } from './file-processing.service.ts';

/** The item's sensitivity (core evidenceSensitivity), or 422. Annotating an item applies the same rule. */
export function sensitivityFor(kind: EvidenceKind, requested: SensitivityLevel | undefined): SensitivityLevel {
  const choice = evidenceSensitivity(kind, requested);
  if (!choice.ok) throw invalid({ 'body.sensitivity': choice.reason });
  return choice.sensitivity;
}

/** A compound named on an item must exist (422 on `field` otherwise). */
export async function checkCompound(trx: Tx, compoundId: string | null | undefined, field: string): Promise<void> {
  if (compoundId && !(await findCompound(trx, compoundId))) throw invalid({ [field]: 'no such compound' });
}

interface Ingest {
  kind: EvidenceKind;
  title: string | null;
  description: string | null;
  testimonyText: string | null;
  sensitivity: SensitivityLevel;
  source: { publisher: string | null; url: string | null; originalSha256: string | null; acquiredFrom: string | null };
  claimed: { capturedAt: string | null; placeText: string | null; point: PointGeometry | null };
  compoundId: string | null;
}

async function ingest(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  input: Ingest,
  file: {
    sha256: string;
    contentType: string;
    sizeBytes: number;
    displayName: string;
    findings: string[];
    metadata: EvidenceInsert['metadata'];
    thumbnailSha256: string | null;
    perceptualHash: string | null;
    duplicateOf: string | null;
    gpsPoint: [number, number] | null;
  } | null,
): Promise<string> {
  const id = app.newId();
  const at = app.now().toISOString();
  const claimedPosition = input.claimed.point
    ? ([input.claimed.point.coordinates[0], input.claimed.point.coordinates[1]] as [number, number])
    : (file?.gpsPoint ?? null);
  const proposal = claimedPosition ? assignPoint(await footprintIndex(trx), claimedPosition, 'claimed') : null;
  await insertEvidence(trx, [
    {
      id,
      kind: input.kind,
      title: input.title,
      description: input.description,
      testimonyEnc: input.testimonyText
        ? app.cipher.encrypt(input.testimonyText, encryptionContext('evidence', 'testimony_enc', id))
        : null,
      organisationId: actor.organisationId,
      sha256: file?.sha256 ?? null,
      contentType: file?.contentType ?? null,
      sizeBytes: file?.sizeBytes ?? null,
      displayName: file?.displayName ?? null,
      fileNameFindings: file?.findings ?? [],
      metadata: file?.metadata ?? {},
      thumbnailSha256: file?.thumbnailSha256 ?? null,
      perceptualHash: file?.perceptualHash ?? null,
      duplicateOf: file?.duplicateOf ?? null,
      sourcePublisher: input.source.publisher,
      sourceUrl: input.source.url,
      sourceOriginalSha256: input.source.originalSha256,
      acquiredFrom: input.source.acquiredFrom,
      acquiredAt: at,
      acquiredBy: actor.userId,
      claimedCapturedAt: input.claimed.capturedAt,
      claimedPlaceText: input.claimed.placeText,
      claimedPoint: input.claimed.point,
      verifiedCapturedAt: null,
      verifiedCapturedAtMethod: null,
      geolocation: null,
      verificationState: 'unverified',
      verificationHistory: [],
      sensitivity: input.sensitivity,
      compoundId: input.compoundId,
      proposedCompound: proposal,
      positionFromExif: !input.claimed.point && !!file?.gpsPoint,
      lon: claimedPosition?.[0] ?? null,
      lat: claimedPosition?.[1] ?? null,
      mapDay: evidenceMapDay({ verifiedCapturedAt: null, claimedCapturedAt: input.claimed.capturedAt, acquiredAt: at }),
      at,
    },
  ]);
  await appendCustody(trx, app, actor, id, 'ingested', {
    kind: input.kind,
    sha256: file?.sha256 ?? null,
    sizeBytes: file?.sizeBytes ?? null,
    contentType: file?.contentType ?? null,
    duplicateOf: file?.duplicateOf ?? null,
  });
  if (file?.duplicateOf)
    await appendCustody(trx, app, actor, file.duplicateOf, 'linked', { duplicate: id, sha256: file.sha256 });
  return id;
}

/**
 * An article as evidence (services/monitoring/articles-ingest.service.ts): its original file already stored
 * (`sha256`), public or internal, with its source and publication date. Returns the new item's id.
 */
export async function recordArticleEvidence(
  trx: Tx,
  app: AppContext,
  actor: RequestActor,
  a: {
    title: string | null;
    sensitivity: 'public' | 'internal';
    publisher: string | null;
    url: string | null;
    acquiredFrom: string | null;
    publishedAt: string;
    compoundId: string | null;
    file: { sha256: string; contentType: string; sizeBytes: number; displayName: string; duplicateOf: string | null };
  },
): Promise<string> {
  return ingest(
    trx,
    app,
    actor,
    {
      kind: 'article',
      title: a.title,
      description: null,
      testimonyText: null,
      sensitivity: a.sensitivity,
      source: { publisher: a.publisher, url: a.url, originalSha256: null, acquiredFrom: a.acquiredFrom },
      claimed: { capturedAt: a.publishedAt, placeText: null, point: null },
      compoundId: a.compoundId,
    },
    {
      ...a.file,
      findings: [],
      metadata: {},
      thumbnailSha256: null,
      perceptualHash: null,
      gpsPoint: null,
    },
  );
}

/** Evidence without a file: a URL to capture later, an article, a testimony note. */
export async function registerEvidence(
  app: AppContext,
  actor: RequestActor,
  input: EvidenceInput,
): Promise<EvidenceView> {
  authorise(actor, 'create', 'evidence');
  const sensitivity = sensitivityFor(input.kind, input.sensitivity);
  if (input.testimonyText && input.kind !== 'testimony')
    throw invalid({ 'body.testimonyText': 'only testimony carries testimony text' });
  return asActor(app.database, actor, async (trx) => {
    const reads = await checkSensitiveWrite(trx, actor, input.kind, sensitivity);
    await checkCompound(trx, input.compoundId, 'body.compoundId');
    const id = await ingest(trx, app, actor, { ...input, sensitivity }, null);
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), reads);
  });
}

const REJECTION_FIELD: Readonly<Record<UploadRejection['code'], string>> = {
  empty_file: 'body',
  too_large: 'body',
  unrecognised_content: 'body',
  type_mismatch: 'headers.content-type',
  type_not_allowed: 'body',
  unsafe_file_name: 'query.fileName',
};

/**
 * Upload of an original file. Rejected uploads store nothing (no blob, no row, no custody entry).
 * Same bytes as an earlier item: the file is not stored again, the new item links to the first.
 */
export async function uploadEvidence(
  app: AppContext,
  actor: RequestActor,
  query: EvidenceUploadQuery,
  declaredType: string,
  bytes: Uint8Array,
): Promise<EvidenceView> {
  authorise(actor, 'create', 'evidence');
  const sensitivity = sensitivityFor(query.kind, query.sensitivity);
  const decision = checkUpload({
    kind: query.kind,
    declaredType,
    fileName: query.fileName,
    sizeBytes: bytes.length,
    head: bytes.subarray(0, SNIFF_BYTES),
  });
  if (!decision.ok) {
    const fields: Record<string, string> = {};
    for (const r of decision.rejections)
      fields[REJECTION_FIELD[r.code]] = fields[REJECTION_FIELD[r.code]]
        ? `${fields[REJECTION_FIELD[r.code]]}; ${r.message}`
        : r.message;
    throw new ServiceError(
      422,
      'upload_rejected',
      `the upload was refused (${decision.rejections.map((r) => r.code).join(', ')}); nothing was stored`,
      fields,
    );
  }
  const processed = await processFile(bytes, decision.contentType);
  return asActor(app.database, actor, async (trx) => {
    const reads = await checkSensitiveWrite(trx, actor, query.kind, sensitivity);
    await checkCompound(trx, query.compoundId, 'query.compoundId');
    const sha256 = sha256Hex(bytes);
    const first = await findFirstWithSha(trx, sha256);
    const original = await storeFile(app, trx, bytes, decision.contentType);
    const thumbnail = processed.thumbnail ? await storeFile(app, trx, processed.thumbnail, 'image/webp') : null;
    const claimedPoint: PointGeometry | null =
      query.claimedLon !== undefined && query.claimedLat !== undefined
        ? { type: 'Point', coordinates: [query.claimedLon, query.claimedLat] }
        : null;
    const id = await ingest(
      trx,
      app,
      actor,
      {
        kind: query.kind,
        title: query.title ?? null,
        description: null,
        testimonyText: null,
        sensitivity,
        source: {
          publisher: query.publisher ?? null,
          url: query.sourceUrl ?? null,
          originalSha256: null,
          acquiredFrom: query.acquiredFrom ?? null,
        },
        claimed: {
          capturedAt: query.claimedCapturedAt ?? null,
          placeText: query.claimedPlaceText ?? null,
          point: claimedPoint,
        },
        compoundId: query.compoundId ?? null,
      },
      {
        sha256: original.sha256,
        contentType: decision.contentType,
        sizeBytes: bytes.length,
        displayName: decision.displayName,
        findings: decision.fileNameFindings,
        metadata: processed.metadata,
        thumbnailSha256: thumbnail?.sha256 ?? null,
        perceptualHash: processed.perceptualHash,
        duplicateOf: first?.id ?? null,
        gpsPoint: processed.gpsPoint,
      },
    );
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), reads);
  });
}
