/** Evidence items: the only SQL touching evidence (its custody log is evidence-custody.repository's). */
import { sql, type Selectable } from 'kysely';
import type { EvidenceKind, SensitivityLevel, VerificationState } from '../../../core/vocabulary.ts';
import type { PointGeometry } from '../../../core/geo/geojson-types.ts';
import type { Geolocation } from '../../../core/evidence/evidence-types.ts';
import type { VerificationRecord } from '../../../core/evidence/verification.ts';
import type { CompoundProposalStored, EvidenceMetadata, EvidenceTable } from '../../schema.ts';
import type { Queryable } from '../../transaction.ts';

export type { CompoundProposalStored, EvidenceMetadata };

export interface EvidenceRow {
  id: string;
  kind: EvidenceKind;
  title: string | null;
  description: string | null;
  testimonyEnc: string | null;
  organisationId: string | null;
  sha256: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  displayName: string | null;
  fileNameFindings: string[];
  metadata: EvidenceMetadata;
  thumbnailSha256: string | null;
  perceptualHash: string | null;
  duplicateOf: string | null;
  sourcePublisher: string | null;
  sourceUrl: string | null;
  sourceOriginalSha256: string | null;
  acquiredFrom: string | null;
  acquiredAt: string;
  acquiredBy: string | null;
  claimedCapturedAt: string | null;
  claimedPlaceText: string | null;
  claimedPoint: PointGeometry | null;
  verifiedCapturedAt: string | null;
  verifiedCapturedAtMethod: string | null;
  geolocation: Geolocation | null;
  verificationState: VerificationState;
  verificationHistory: VerificationRecord[];
  sensitivity: SensitivityLevel;
  compoundId: string | null;
  proposedCompound: CompoundProposalStored | null;
  /**
   * The map point (lon/lat) and compound proposal were placed from the file's EXIF GPS: photo metadata, not a claim
   * anyone made.
   */
  positionFromExif: boolean;
  retractedAt: string | null;
  retractedBy: string | null;
  retractedReason: string | null;
  createdAt: string;
  /** Raised by every update (0018): what an editor sends back in If-Match. */
  version: number;
}

export type EvidenceInsert = Omit<
  EvidenceRow,
  'createdAt' | 'version' | 'retractedAt' | 'retractedBy' | 'retractedReason'
> & {
  lon: number | null;
  lat: number | null;
  mapDay: string | null;
  isDemo?: boolean;
  at: string;
};

const COLUMNS = [
  'id',
  'kind',
  'title',
  'description',
  'testimony_enc',
  'organisation_id',
  'sha256',
  'content_type',
  'size_bytes',
  'display_name',
  'file_name_findings',
  'metadata',
  'thumbnail_sha256',
  'perceptual_hash',
  'duplicate_of',
  'source_publisher',
  'source_url',
  'source_original_sha256',
  'acquired_from',
  'acquired_at',
  'acquired_by',
  'claimed_captured_at',
  'claimed_place_text',
  'claimed_point',
  'verified_captured_at',
  'verified_captured_at_method',
  'geolocation',
  'verification_state',
  'verification_history',
  'sensitivity',
  'compound_id',
  'proposed_compound',
  'retracted_at',
  'retracted_by',
  'retracted_reason',
  'created_at',
  'position_from_exif',
  'version',
] as const;

function fromRow(r: Pick<Selectable<EvidenceTable>, (typeof COLUMNS)[number]>): EvidenceRow {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    testimonyEnc: r.testimony_enc,
    organisationId: r.organisation_id,
    sha256: r.sha256,
    contentType: r.content_type,
    sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
    displayName: r.display_name,
    fileNameFindings: r.file_name_findings,
    metadata: r.metadata ?? {},
    thumbnailSha256: r.thumbnail_sha256,
    perceptualHash: r.perceptual_hash,
    duplicateOf: r.duplicate_of,
    sourcePublisher: r.source_publisher,
    sourceUrl: r.source_url,
    sourceOriginalSha256: r.source_original_sha256,
    acquiredFrom: r.acquired_from,
    acquiredAt: r.acquired_at,
    acquiredBy: r.acquired_by,
    claimedCapturedAt: r.claimed_captured_at,
    claimedPlaceText: r.claimed_place_text,
    claimedPoint: r.claimed_point ?? null,
    verifiedCapturedAt: r.verified_captured_at,
    verifiedCapturedAtMethod: r.verified_captured_at_method,
    geolocation: r.geolocation ?? null,
    verificationState: r.verification_state,
    verificationHistory: r.verification_history ?? [],
    sensitivity: r.sensitivity,
    compoundId: r.compound_id,
    proposedCompound: r.proposed_compound ?? null,
    positionFromExif: r.position_from_exif === true,
    version: r.version,
    retractedAt: r.retracted_at,
    retractedBy: r.retracted_by,
    retractedReason: r.retracted_reason,
    createdAt: r.created_at,
  };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export async function insertEvidence(trx: Queryable, rows: readonly EvidenceInsert[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('evidence')
    .values(
      rows.map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
        description: e.description,
        testimony_enc: e.testimonyEnc,
        organisation_id: e.organisationId,
        sha256: e.sha256,
        content_type: e.contentType,
        size_bytes: e.sizeBytes,
        display_name: e.displayName,
        file_name_findings: e.fileNameFindings,
        metadata: JSON.stringify(e.metadata),
        thumbnail_sha256: e.thumbnailSha256,
        perceptual_hash: e.perceptualHash,
        duplicate_of: e.duplicateOf,
        source_publisher: e.sourcePublisher,
        source_url: e.sourceUrl,
        source_original_sha256: e.sourceOriginalSha256,
        acquired_from: e.acquiredFrom,
        acquired_at: e.acquiredAt,
        acquired_by: e.acquiredBy,
        claimed_captured_at: e.claimedCapturedAt,
        claimed_place_text: e.claimedPlaceText,
        claimed_point: json(e.claimedPoint),
        verified_captured_at: e.verifiedCapturedAt,
        verified_captured_at_method: e.verifiedCapturedAtMethod,
        geolocation: json(e.geolocation),
        lon: e.lon,
        lat: e.lat,
        map_day: e.mapDay,
        verification_state: e.verificationState,
        verification_history: JSON.stringify(e.verificationHistory),
        sensitivity: e.sensitivity,
        compound_id: e.compoundId,
        proposed_compound: json(e.proposedCompound),
        position_from_exif: e.positionFromExif,
        created_at: e.at,
        updated_at: e.at,
        is_demo: e.isDemo ?? false,
      })),
    )
    .execute();
}

export interface EvidenceChange {
  title?: string | null;
  description?: string | null;
  sensitivity?: SensitivityLevel;
  compoundId?: string | null;
  verifiedCapturedAt?: string | null;
  verifiedCapturedAtMethod?: string | null;
  geolocation?: Geolocation | null;
  lon?: number | null;
  lat?: number | null;
  mapDay?: string | null;
  verificationState?: VerificationState;
  verificationHistory?: VerificationRecord[];
  proposedCompound?: CompoundProposalStored | null;
  positionFromExif?: boolean;
  retractedAt?: string;
  retractedBy?: string;
  retractedReason?: string;
}

export async function updateEvidence(trx: Queryable, id: string, c: EvidenceChange, at: string): Promise<void> {
  const set: Record<string, unknown> = { updated_at: at };
  const map: [keyof EvidenceChange, string, boolean][] = [
    ['title', 'title', false],
    ['description', 'description', false],
    ['sensitivity', 'sensitivity', false],
    ['compoundId', 'compound_id', false],
    ['verifiedCapturedAt', 'verified_captured_at', false],
    ['verifiedCapturedAtMethod', 'verified_captured_at_method', false],
    ['geolocation', 'geolocation', true],
    ['lon', 'lon', false],
    ['lat', 'lat', false],
    ['mapDay', 'map_day', false],
    ['verificationState', 'verification_state', false],
    ['verificationHistory', 'verification_history', true],
    ['proposedCompound', 'proposed_compound', true],
    ['positionFromExif', 'position_from_exif', false],
    ['retractedAt', 'retracted_at', false],
    ['retractedBy', 'retracted_by', false],
    ['retractedReason', 'retracted_reason', false],
  ];
  for (const [key, column, isJson] of map) if (c[key] !== undefined) set[column] = isJson ? json(c[key]) : c[key];
  await trx
    .updateTable('evidence')
    .set(set as never)
    .where('id', '=', id)
    .execute();
}

/**
 * Serialises changes of one item (held until commit), so each change records the values it replaced. FOR NO KEY
 * UPDATE, as every row lock here: it excludes other changes but not the KEY SHARE lock a foreign-key check takes, so
 * two uploads that each insert a duplicate of this item (duplicate_of) and then append to its custody chain wait for
 * each other in turn instead of deadlocking (FOR UPDATE conflicts with the other's KEY SHARE: 40P01, answered 503).
 */
export async function lockEvidence(trx: Queryable, id: string): Promise<number | null> {
  const r = await trx.selectFrom('evidence').select('version').where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
  return r?.version ?? null;
}

export async function findEvidence(trx: Queryable, id: string): Promise<EvidenceRow | null> {
  const r = await trx.selectFrom('evidence').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? fromRow(r) : null;
}

export async function findEvidenceByIds(trx: Queryable, ids: readonly string[]): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  return (
    await trx
      .selectFrom('evidence')
      .select(COLUMNS)
      .where('id', 'in', [...ids])
      .execute()
  ).map(fromRow);
}

/** The first (oldest) evidence item holding these bytes, if any: an exact duplicate. */
export async function findFirstWithSha(trx: Queryable, sha256: string): Promise<{ id: string } | null> {
  const r = await trx
    .selectFrom('evidence')
    .select('id')
    .where('sha256', '=', sha256)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r ?? null;
}

/** Items with a perceptual hash (candidates for near-duplicate comparison), newest first, bounded. */
export async function listPerceptualHashes(
  trx: Queryable,
  limit: number,
): Promise<{ id: string; perceptualHash: string }[]> {
  const rows = await trx
    .selectFrom('evidence')
    .select(['id', 'perceptual_hash'])
    .where('perceptual_hash', 'is not', null)
    .where('retracted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, perceptualHash: r.perceptual_hash! }));
}

export interface EvidenceListFilter {
  compoundId?: string;
  kind?: EvidenceKind;
  state?: VerificationState;
  includeRetracted: boolean;
  limit: number;
  after?: { createdAt: string; id: string };
}

export async function listEvidence(trx: Queryable, f: EvidenceListFilter): Promise<EvidenceRow[]> {
  let q = trx.selectFrom('evidence').select(COLUMNS);
  if (f.compoundId) q = q.where('compound_id', '=', f.compoundId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.state) q = q.where('verification_state', '=', f.state);
  if (!f.includeRetracted) q = q.where('retracted_at', 'is', null);
  if (f.after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', f.after!.createdAt),
        eb.and([eb('created_at', '=', f.after!.createdAt), eb('id', '<', f.after!.id)]),
      ]),
    );
  return (await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()).map(fromRow);
}

export interface MapPointRow {
  id: string;
  kind: EvidenceKind;
  state: VerificationState;
  lon: number;
  lat: number;
  compoundId: string | null;
  day: number;
  /** Who uploaded it and whether the point came from EXIF GPS (then only metadata readers may see it). */
  organisationId: string | null;
  fromExif: boolean;
}

/** Located, live evidence up to a day (days since epoch, as an integer, for the time slider). */
export async function listMapPoints(trx: Queryable, upTo: string): Promise<MapPointRow[]> {
  const rows = await trx
    .selectFrom('evidence')
    .select([
      'id',
      'kind',
      'verification_state',
      'lon',
      'lat',
      'compound_id',
      'organisation_id',
      'position_from_exif',
      sql<number>`(map_day - DATE '1970-01-01')`.as('day'),
    ])
    .where('lon', 'is not', null)
    .where('retracted_at', 'is', null)
    .where('map_day', '<=', upTo)
    .orderBy('map_day')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    state: r.verification_state,
    lon: r.lon!,
    lat: r.lat!,
    compoundId: r.compound_id,
    day: Number(r.day),
    organisationId: r.organisation_id,
    fromExif: r.position_from_exif === true,
  }));
}

export async function countEvidence(trx: Queryable): Promise<number> {
  const r = await trx
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Evidence filed for the compound and not retracted. */
export async function countLiveEvidenceAt(trx: Queryable, compoundId: string): Promise<number> {
  const r = await trx
    .selectFrom('evidence')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('compound_id', '=', compoundId)
    .where('retracted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
