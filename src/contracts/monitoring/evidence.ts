/** Evidence: registration, upload, verification, custody. */
import { z } from 'zod';
import {
  EVIDENCE_KINDS,
  GEOLOCATION_METHODS,
  PRECISION_BANDS,
  SENSITIVITY_LEVELS,
  VERIFICATION_STATES,
} from '../../core/vocabulary.ts';
import { CUSTODY_ACTIONS } from '../../core/evidence/custody-log.ts';
import { PageQuery } from '../common.ts';
import { IsoTimestamp, Latitude, Longitude, PointGeometry } from './geo.ts';

const Url = z.url({ protocol: /^https?$/ }).max(2000);
const ShortText = z.string().trim().min(1).max(300);

export const EvidenceSourceInput = z.object({
  publisher: ShortText.nullable().default(null),
  url: Url.nullable().default(null),
  /** SHA-256 of the original this item re-posts, when known. */
  originalSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable()
    .default(null),
  acquiredFrom: ShortText.nullable().default(null),
});

export const ClaimedCaptureInput = z.object({
  capturedAt: IsoTimestamp.nullable().default(null),
  placeText: z.string().trim().max(500).nullable().default(null),
  point: PointGeometry.nullable().default(null),
});

/**
 * Registering evidence without a file (a URL to capture later, an article, a testimony note).
 * Testimony is sensitive by default and its text is stored encrypted.
 */
export const EvidenceInput = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string().trim().max(300).nullable().default(null),
  description: z.string().max(20_000).nullable().default(null),
  /** Testimony text (kind testimony only); encrypted at rest. */
  testimonyText: z.string().max(100_000).nullable().default(null),
  source: EvidenceSourceInput.default({ publisher: null, url: null, originalSha256: null, acquiredFrom: null }),
  claimed: ClaimedCaptureInput.default({ capturedAt: null, placeText: null, point: null }),
  sensitivity: z.enum(SENSITIVITY_LEVELS).optional(),
  compoundId: z.uuid().nullable().default(null),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;

/**
 * Upload: the body is the file's raw bytes (any Content-Type; the type is sniffed from the bytes
 * and must agree with what was declared). Metadata travels in the query string.
 */
export const EvidenceUploadQuery = z
  .object({
    kind: z.enum(EVIDENCE_KINDS),
    fileName: z.string().min(1).max(1000),
    title: z.string().trim().max(300).optional(),
    sourceUrl: Url.optional(),
    publisher: ShortText.optional(),
    acquiredFrom: ShortText.optional(),
    claimedCapturedAt: IsoTimestamp.optional(),
    claimedPlaceText: z.string().trim().max(500).optional(),
    claimedLon: z.coerce.number().pipe(Longitude).optional(),
    claimedLat: z.coerce.number().pipe(Latitude).optional(),
    sensitivity: z.enum(SENSITIVITY_LEVELS).optional(),
    compoundId: z.uuid().optional(),
  })
  .refine((q) => (q.claimedLon === undefined) === (q.claimedLat === undefined), {
    message: 'claimedLon and claimedLat go together',
    path: ['claimedLat'],
  });
export type EvidenceUploadQuery = z.infer<typeof EvidenceUploadQuery>;

/** Largest upload accepted through the API (per-route body limit). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const EvidencePatch = z.object({
  title: z.string().trim().max(300).nullable().optional(),
  description: z.string().max(20_000).nullable().optional(),
  sensitivity: z.enum(SENSITIVITY_LEVELS).optional(),
  /** Confirm (or clear) the compound this item shows. */
  compoundId: z.uuid().nullable().optional(),
  verifiedCapturedAt: IsoTimestamp.nullable().optional(),
  verifiedCapturedAtMethod: z.string().trim().min(1).max(200).nullable().optional(),
});
export type EvidencePatch = z.infer<typeof EvidencePatch>;

export const RetractRequest = z.object({ reason: z.string().trim().min(3).max(2000) });

const Reasoning = z.string().trim().min(1).max(5000);
export const VerificationStepInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('geolocate'),
    method: z.enum(GEOLOCATION_METHODS),
    precision: z.enum(PRECISION_BANDS),
    point: PointGeometry,
    reasoning: Reasoning,
  }),
  z.object({
    kind: z.literal('corroborate'),
    corroboratingEvidenceIds: z.array(z.uuid()).min(1).max(100),
    reasoning: Reasoning,
  }),
  z.object({ kind: z.literal('verify'), reasoning: Reasoning }),
  z.object({ kind: z.literal('dispute'), reasoning: Reasoning }),
]);
export type VerificationStepInput = z.infer<typeof VerificationStepInput>;

export const EvidenceListQuery = PageQuery.extend({
  compoundId: z.uuid().optional(),
  kind: z.enum(EVIDENCE_KINDS).optional(),
  state: z.enum(VERIFICATION_STATES).optional(),
  includeRetracted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export const VerificationRecordView = z.object({
  kind: z.enum(['geolocate', 'corroborate', 'verify', 'dispute']),
  from: z.enum(VERIFICATION_STATES),
  to: z.enum(VERIFICATION_STATES),
  at: z.string(),
  /** Only for staff of the reader's organisation (core/permissions/attribution); else null. */
  reviewerId: z.string().nullable(),
  /** The reviewer's name, only for staff of the reader's organisation (core/permissions/attribution.ts). */
  reviewerName: z.string().nullable(),
  /** The reviewer's organisation (named for every reader). */
  reviewerOrganisationName: z.string().nullable(),
  reasoning: z.string(),
  method: z.enum(GEOLOCATION_METHODS).optional(),
  precision: z.enum(PRECISION_BANDS).optional(),
  point: PointGeometry.optional(),
  corroboratingEvidenceIds: z.array(z.string()).optional(),
});

export const CompoundProposal = z.object({
  compoundId: z.string(),
  how: z.enum(['inside', 'nearest']),
  distanceMeters: z.number(),
  confidence: z.enum(['asserted', 'proposed']),
  /** What the point was: an analyst's geolocation or the source's claim / file metadata. */
  basis: z.enum(['verified', 'claimed']),
});

export const EvidenceSummary = z.object({
  id: z.string(),
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string().nullable(),
  sensitivity: z.enum(SENSITIVITY_LEVELS),
  verificationState: z.enum(VERIFICATION_STATES),
  compoundId: z.string().nullable(),
  hasFile: z.boolean(),
  contentType: z.string().nullable(),
  acquiredAt: z.string(),
  /** Verified capture time when established, else the claim (see captureBasis). */
  capturedAt: z.string().nullable(),
  captureBasis: z.enum(['verified', 'claimed', 'unknown']),
  position: z.tuple([z.number(), z.number()]).nullable(),
  positionBasis: z.enum(['verified', 'claimed', 'unknown']),
  retracted: z.boolean(),
});
export type EvidenceSummary = z.infer<typeof EvidenceSummary>;

export const EvidenceView = EvidenceSummary.extend({
  description: z.string().nullable(),
  /** Only for readers allowed to see testimony; otherwise null. */
  testimonyText: z.string().nullable(),
  file: z
    .object({
      sha256: z.string(),
      sizeBytes: z.number().int(),
      displayName: z.string().nullable(),
      fileNameFindings: z.array(z.string()),
      hasThumbnail: z.boolean(),
      perceptualHash: z.string().nullable(),
      /** Metadata extracted from the file (EXIF: camera, GPS, original time), as found. */
      metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
      /** Location and device fields were removed for this reader (not the uploader or a permitted verifier). */
      metadataStripped: z.boolean(),
      /**
       * The untouched original (which keeps its metadata) may be downloaded by this reader; others use the working
       * copy.
       */
      originalDownloadable: z.boolean(),
    })
    .nullable(),
  source: z.object({
    publisher: z.string().nullable(),
    url: z.string().nullable(),
    originalSha256: z.string().nullable(),
    acquiredFrom: z.string().nullable(),
  }),
  acquiredBy: z.string().nullable(),
  claimed: z.object({
    capturedAt: z.string().nullable(),
    placeText: z.string().nullable(),
    point: PointGeometry.nullable(),
  }),
  verified: z.object({
    capturedAt: z.string().nullable(),
    capturedAtMethod: z.string().nullable(),
    geolocation: z
      .object({
        point: PointGeometry,
        method: z.enum(GEOLOCATION_METHODS),
        precision: z.enum(PRECISION_BANDS),
        reasoning: z.string(),
        byUserId: z.string().nullable(),
        at: z.string(),
      })
      .nullable(),
  }),
  claimDisagrees: z.boolean(),
  verificationHistory: z.array(VerificationRecordView),
  proposedCompound: CompoundProposal.nullable(),
  /** Earlier evidence with the same bytes (exact duplicate: the file is stored once). */
  duplicateOf: z.string().nullable(),
  /** Other evidence whose image is a near-duplicate (perceptual hash). */
  nearDuplicates: z.array(z.object({ evidenceId: z.string(), distance: z.number().int() })),
  eventIds: z.array(z.string()),
  retraction: z.object({ at: z.string(), byUserId: z.string().nullable(), reason: z.string() }).nullable(),
  /** Send back as If-Match when annotating (contracts/common IfMatchHeaders). */
  version: z.number().int(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const EvidenceList = z.object({ items: z.array(EvidenceSummary), nextCursor: z.string().nullable() });
export type EvidenceList = z.infer<typeof EvidenceList>;

export const CustodyEntryView = z.object({
  seq: z.number().int(),
  action: z.enum(CUSTODY_ACTIONS),
  /** Only for staff of the reader's organisation (core/permissions/attribution); else null. */
  actorId: z.string().nullable(),
  at: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  previousHash: z.string().nullable(),
  hash: z.string(),
});
export const CustodyLog = z.object({
  evidenceId: z.string(),
  /** -1 when the hash chain is intact, else the index of the first broken entry. */
  firstBreak: z.number().int(),
  intact: z.boolean(),
  entries: z.array(
    CustodyEntryView.extend({
      /** Who, as the reader may know them: a name only for staff of the reader's organisation. */
      actorName: z.string().nullable(),
      actorOrganisationName: z.string().nullable(),
    }),
  ),
});
export type CustodyLog = z.infer<typeof CustodyLog>;

const Hash = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * An evidence item's custody with inclusion proofs against a signed checkpoint (core/audit/evidence-proof.ts verifies
 * it).
 */
export const EvidenceProofView = z.object({
  format: z.literal('refuge-evidence-proof/1'),
  evidenceId: z.string(),
  sha256: z.string().nullable(),
  custody: z.array(CustodyEntryView.extend({ evidenceId: z.string() })),
  anchors: z.array(
    z.object({
      entry: z.object({
        leafIndex: z.number().int(),
        seq: z.number().int(),
        at: z.string(),
        actorUserId: z.string().nullable(),
        organisationId: z.string().nullable(),
        action: z.string(),
        resourceType: z.string(),
        resourceId: z.string().nullable(),
        requestId: z.string().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
      proof: z.array(Hash),
    }),
  ),
  checkpoint: z.object({
    origin: z.literal('refuge-audit-checkpoint/1'),
    treeSize: z.number().int(),
    rootHash: Hash,
    timestamp: z.string(),
    keyId: z.string(),
    signature: z.string(),
  }),
  publicKey: z.string(),
});
export type EvidenceProofView = z.infer<typeof EvidenceProofView>;
