/** Evidence use cases: register, upload, read, annotate, retract, export, custody. */
import type { EditHistory } from '../../contracts/monitoring/edits.ts';
import type {
  EvidenceInput,
  EvidenceList,
  EvidencePatch,
  EvidenceUploadQuery,
  EvidenceView,
  CustodyLog,
} from '../../contracts/monitoring/evidence.ts';
import { EVIDENCE_PROOF_FORMAT, type EvidenceProof } from '../../core/audit/evidence-proof.ts';
import { publicKeyPem } from '../../db/audit-key.ts';
import { sha256Hex } from '../../core/evidence/sha256.ts';
import { SNIFF_BYTES } from '../../core/evidence/sniff-content-type.ts';
import { checkUpload, type UploadRejection } from '../../core/evidence/upload-acceptance.ts';
import type { PointGeometry } from '../../core/geo/geojson-types.ts';
import type { EvidenceKind, SensitivityLevel, VerificationState } from '../../core/vocabulary.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import { findCompound } from '../../db/repositories/monitoring/compounds.repository.ts';
import {
  findFirstWithSha,
  insertEvidence,
  listCustody,
  listEvidence,
  lockEvidence,
  updateEvidence,
  type EvidenceInsert,
  type EvidenceRow,
} from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor, type Tx } from '../../db/transaction.ts';
import { audit, proveInclusion, sealAudit, sealedCustodyAnchors } from '../audit.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { checkVersion, conflict, forbidden, invalid, notFound, ServiceError } from '../errors.ts';
import { readFileBytes, storeFile } from '../files.service.ts';
import {
  authorise,
  decodeCursor,
  encodeCursor,
  isSensitive,
  metadataAudience,
  readsSensitiveEvidence,
} from './access.service.ts';
import { seesCaptureMetadata } from '../../core/evidence/metadata-disclosure.ts';
import { assignPoint, footprintIndex } from './assignment.service.ts';
import { appendCustody, readCustody } from './custody.service.ts';
import { presentEvidenceSummary } from './evidence-presenters.ts';
import { evidenceView, loadEvidence } from './evidence-read.service.ts';
import { processFile } from './file-processing.service.ts';
import { readEditHistory, recordEdit } from './edit-history.service.ts';
import { attributorFor } from '../attribution.service.ts';
import type { ByteRange } from '../../core/evidence/byte-range.ts';
import { inlineMedia } from '../../core/evidence/inline-media.ts';

function defaultSensitivity(kind: EvidenceKind, requested: SensitivityLevel | undefined): SensitivityLevel {
  if (kind === 'testimony') {
    if (requested === 'public' || requested === 'internal')
      throw invalid({ 'body.sensitivity': 'testimony is sensitive or restricted, never public or internal' });
    return requested ?? 'sensitive';
  }
  return requested ?? 'internal';
}

/** Sensitive items are written only by those who may read them back. */
async function checkSensitiveWrite(trx: Tx, actor: RequestActor, kind: string, sensitivity: string): Promise<boolean> {
  const reads = await readsSensitiveEvidence(trx, actor);
  if (isSensitive(kind, sensitivity) && !reads)
    throw forbidden('only analysts and admins of monitor organisations may record testimony or sensitive evidence');
  return reads;
}

async function checkCompound(trx: Tx, compoundId: string | null | undefined, field: string): Promise<void> {
  if (compoundId && !(await findCompound(trx, compoundId))) throw invalid({ [field]: 'no such compound' });
}

const dayOf = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);

/** The annotatable fields as stored, for the edit history (instants normalised so an unchanged one compares equal). */
function annotatedValues(row: EvidenceRow): Record<string, unknown> {
  return {
    title: row.title,
    description: row.description,
    sensitivity: row.sensitivity,
    compoundId: row.compoundId,
    verifiedCapturedAt: row.verifiedCapturedAt ? new Date(row.verifiedCapturedAt).toISOString() : null,
    verifiedCapturedAtMethod: row.verifiedCapturedAtMethod,
  };
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
      mapDay: dayOf(input.claimed.capturedAt) ?? at.slice(0, 10),
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
  const sensitivity = defaultSensitivity(input.kind, input.sensitivity);
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
  const sensitivity = defaultSensitivity(query.kind, query.sensitivity);
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

export async function getEvidence(app: AppContext, actor: RequestActor, id: string): Promise<EvidenceView> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    const row = await loadEvidence(trx, id);
    await appendCustody(trx, app, actor, id, 'accessed', { view: 'record' });
    return evidenceView(trx, app, actor, row, await readsSensitiveEvidence(trx, actor));
  });
}

export async function listEvidencePage(
  app: AppContext,
  actor: RequestActor,
  q: {
    limit: number;
    cursor?: string;
    compoundId?: string;
    kind?: EvidenceKind;
    state?: VerificationState;
    includeRetracted: boolean;
  },
): Promise<EvidenceList> {
  authorise(actor, 'read', 'evidence');
  const after = decodeCursor(q.cursor, { c: 'timestamp', i: 'uuid' });
  return asActor(app.database, actor, async (trx) => {
    const rows = await listEvidence(trx, {
      ...q,
      limit: q.limit + 1,
      after: after ? { createdAt: String(after.c), id: String(after.i) } : undefined,
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    await audit(trx, app, actor, 'evidence.list', 'evidence', null, { count: page.length });
    return {
      items: page.map(presentEvidenceSummary),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ c: last.createdAt, i: last.id }) : null,
    };
  });
}

export async function annotateEvidence(
  app: AppContext,
  actor: RequestActor,
  id: string,
  patch: EvidencePatch,
  expectedVersion?: number,
): Promise<EvidenceView> {
  authorise(actor, 'update', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await lockEvidence(trx, id);
    const row = await loadEvidence(trx, id);
    checkVersion('evidence item', row.version, expectedVersion);
    if (row.retractedAt) throw conflict('this evidence was retracted; it can no longer change');
    if (patch.sensitivity && row.kind === 'testimony') defaultSensitivity('testimony', patch.sensitivity);
    const reads = await checkSensitiveWrite(trx, actor, row.kind, patch.sensitivity ?? row.sensitivity);
    await checkCompound(trx, patch.compoundId, 'body.compoundId');
    const fields = Object.keys(patch)
      .filter((k) => (patch as Record<string, unknown>)[k] !== undefined)
      .sort();
    await updateEvidence(
      trx,
      id,
      {
        ...patch,
        ...(patch.verifiedCapturedAt !== undefined
          ? { mapDay: dayOf(patch.verifiedCapturedAt) ?? dayOf(row.claimedCapturedAt) ?? row.acquiredAt.slice(0, 10) }
          : {}),
      },
      app.now().toISOString(),
    );
    await recordEdit(trx, app, actor, { type: 'evidence', id }, 'annotate', annotatedValues(row), {
      ...patch,
      ...(patch.verifiedCapturedAt ? { verifiedCapturedAt: new Date(patch.verifiedCapturedAt).toISOString() } : {}),
    });
    await appendCustody(trx, app, actor, id, 'annotated', { fields: fields.join(',') });
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), reads);
  });
}

/** Nothing is deleted: a retracted item stays, marked, with who and why. */
export async function retractEvidence(
  app: AppContext,
  actor: RequestActor,
  id: string,
  reason: string,
): Promise<EvidenceView> {
  authorise(actor, 'update', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await lockEvidence(trx, id);
    const row = await loadEvidence(trx, id);
    if (row.retractedAt) throw conflict('this evidence is already retracted');
    const at = app.now().toISOString();
    await updateEvidence(trx, id, { retractedAt: at, retractedBy: actor.userId, retractedReason: reason }, at);
    await recordEdit(
      trx,
      app,
      actor,
      { type: 'evidence', id },
      'retract',
      { retractedAt: null, retractedReason: null },
      { retractedAt: at, retractedReason: reason },
    );
    await appendCustody(trx, app, actor, id, 'retracted', {});
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), await readsSensitiveEvidence(trx, actor));
  });
}

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

export async function custodyLog(app: AppContext, actor: RequestActor, id: string): Promise<CustodyLog> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await loadEvidence(trx, id);
    const { entries, firstBreak } = await readCustody(trx, id);
    await audit(trx, app, actor, 'evidence.custody.read', 'evidence', id, {});
    const who = await attributorFor(
      trx,
      actor,
      entries.map((e) => e.actorId),
    );
    return {
      evidenceId: id,
      firstBreak,
      intact: firstBreak === -1,
      entries: entries.map((e) => ({
        seq: e.seq,
        action: e.action,
        actorId: who(e.actorId).userId,
        actorName: who(e.actorId).name,
        actorOrganisationName: who(e.actorId).organisationName,
        at: e.at,
        details: { ...e.details },
        previousHash: e.previousHash,
        hash: e.hash,
      })),
    };
  });
}

/** Who changed this item, when, and what the values were before and after (only where the item itself is readable). */
export async function evidenceHistory(app: AppContext, actor: RequestActor, id: string): Promise<EditHistory> {
  authorise(actor, 'read', 'evidence');
  return asActor(app.database, actor, async (trx) => {
    await loadEvidence(trx, id);
    return readEditHistory(trx, app, actor, 'evidence', id);
  });
}

/**
 * The item's custody log with an inclusion proof of every entry's audit anchor against the latest
 * signed checkpoint, for a third party to check without Refuge (core/audit/evidence-proof.ts).
 * The export itself is a custody entry, sealed before the proof is built.
 *
 * The proof must carry every entry as recorded (user and organisation ids included, or its hashes would not check), so
 * it goes to the item's custodians only: the uploading organisation and permitted verifiers, as the original does; an
 * item no organisation uploaded (a casework hand-off) to those who read it. Everyone else reads the custody log, where
 * another organisation's staff appear as their organisation (core/permissions/attribution).
 */
export async function evidenceProof(app: AppContext, actor: RequestActor, id: string): Promise<EvidenceProof> {
  authorise(actor, 'read', 'evidence');
  const sha256 = await asActor(app.database, actor, async (trx) => {
    const row = await loadEvidence(trx, id);
    const custodian =
      row.organisationId === null || seesCaptureMetadata(await metadataAudience(trx, actor), row.organisationId);
    if (!custodian)
      throw forbidden(
        "the proof carries each custody entry's actor as recorded; only the uploading organisation and permitted " +
          'verifiers export it — the custody log shows the chain',
      );
    await appendCustody(trx, app, actor, id, 'exported', { copy: 'proof' });
    return row.sha256;
  });
  await sealAudit(app);
  const anchors = await sealedCustodyAnchors(app, id);
  const anchored = new Set(anchors.map((a) => a.details.custodySeq));
  const custody = (await asActor(app.database, actor, (trx) => listCustody(trx, id, 100_000))).filter((c) =>
    anchored.has(c.seq),
  );
  const { checkpoint, proofs } = await proveInclusion(app, anchors);
  return {
    format: EVIDENCE_PROOF_FORMAT,
    evidenceId: id,
    sha256,
    custody: custody.map((c) => ({ ...c, details: { ...c.details } })),
    anchors: anchors.map((entry, i) => ({ entry, proof: proofs[i]! })), // one proof per anchor, in order
    checkpoint,
    publicKey: publicKeyPem(app.auditKeys!),
  };
}
