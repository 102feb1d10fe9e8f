/** Evidence responses: each field listed; testimony text only for those allowed to read it. */
import type { EvidenceSummary, EvidenceView } from '../../contracts/monitoring/evidence.ts';
import { captureForDisplay } from '../../core/evidence/capture-basis.ts';
import { stripCaptureMetadata } from '../../core/evidence/metadata-disclosure.ts';
import type { EvidenceRow } from '../../db/repositories/monitoring/evidence.repository.ts';
import type { Attributor } from '../attribution.service.ts';

const capture = (e: EvidenceRow) =>
  captureForDisplay({
    claimed: { capturedAt: e.claimedCapturedAt, placeText: e.claimedPlaceText, point: e.claimedPoint },
    verified: {
      capturedAt: e.verifiedCapturedAt,
      capturedAtMethod: e.verifiedCapturedAtMethod,
      geolocation: e.geolocation,
    },
  });

export function presentEvidenceSummary(e: EvidenceRow): EvidenceSummary {
  const c = capture(e);
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    sensitivity: e.sensitivity,
    verificationState: e.verificationState,
    compoundId: e.compoundId,
    hasFile: e.sha256 !== null,
    contentType: e.contentType,
    acquiredAt: e.acquiredAt,
    capturedAt: c.capturedAt,
    captureBasis: c.capturedAtBasis,
    position: c.position ? [c.position[0], c.position[1]] : null,
    positionBasis: c.positionBasis,
    retracted: e.retractedAt !== null,
  };
}

/**
 * One decision for every fact taken from the file's own metadata: `seesMetadata` comes from core
 * seesCaptureMetadata (uploader, permitted verifiers). Others get the stripped metadata and no
 * compound proposal placed from EXIF GPS (the map applies the same rule to its points).
 */
export function presentEvidence(
  e: EvidenceRow,
  extra: {
    testimonyText: string | null;
    nearDuplicates: { evidenceId: string; distance: number }[];
    eventIds: string[];
    seesMetadata: boolean;
    who: Attributor;
  },
): EvidenceView {
  const c = capture(e);
  const metadata = extra.seesMetadata ? { ...e.metadata } : stripCaptureMetadata(e.metadata);
  const proposal = e.proposedCompound && (extra.seesMetadata || !e.positionFromExif) ? { ...e.proposedCompound } : null;
  return {
    ...presentEvidenceSummary(e),
    description: e.description,
    testimonyText: extra.testimonyText,
    file: e.sha256
      ? {
          sha256: e.sha256,
          sizeBytes: e.sizeBytes ?? 0,
          displayName: e.displayName,
          fileNameFindings: [...e.fileNameFindings],
          hasThumbnail: e.thumbnailSha256 !== null,
          perceptualHash: e.perceptualHash,
          metadata,
          metadataStripped: !extra.seesMetadata,
          originalDownloadable: extra.seesMetadata,
        }
      : null,
    source: {
      publisher: e.sourcePublisher,
      url: e.sourceUrl,
      originalSha256: e.sourceOriginalSha256,
      acquiredFrom: e.acquiredFrom,
    },
    acquiredBy: extra.who(e.acquiredBy).userId,
    claimed: { capturedAt: e.claimedCapturedAt, placeText: e.claimedPlaceText, point: e.claimedPoint },
    verified: {
      capturedAt: e.verifiedCapturedAt,
      capturedAtMethod: e.verifiedCapturedAtMethod,
      geolocation: e.geolocation
        ? {
            point: e.geolocation.point,
            method: e.geolocation.method,
            precision: e.geolocation.precision,
            reasoning: e.geolocation.reasoning,
            byUserId: extra.who(e.geolocation.byUserId).userId,
            at: e.geolocation.at,
          }
        : null,
    },
    claimDisagrees: c.claimDisagrees,
    verificationHistory: e.verificationHistory.map((r) => {
      const reviewer = extra.who(r.reviewerId);
      return {
        kind: r.kind,
        from: r.from,
        to: r.to,
        at: r.at,
        reviewerId: reviewer.userId,
        reviewerName: reviewer.name,
        reviewerOrganisationName: reviewer.organisationName,
        reasoning: r.reasoning,
        ...(r.kind === 'geolocate' ? { method: r.method, precision: r.precision, point: r.point } : {}),
        ...(r.kind === 'corroborate' ? { corroboratingEvidenceIds: [...r.corroboratingEvidenceIds] } : {}),
      };
    }),
    proposedCompound: proposal,
    duplicateOf: e.duplicateOf,
    nearDuplicates: extra.nearDuplicates,
    eventIds: extra.eventIds,
    retraction: e.retractedAt
      ? { at: e.retractedAt, byUserId: extra.who(e.retractedBy).userId, reason: e.retractedReason ?? '' }
      : null,
    version: e.version,
  };
}
