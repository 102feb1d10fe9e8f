/**
 * An evidence item. What a source *claims* (when and where something was filmed) is kept apart
 * from what an analyst *verified*, so a claim is never silently promoted to a fact and both
 * can be shown side by side (Berkeley Protocol on Digital Open Source Investigations).
 */
import type {
  EvidenceKind,
  GeolocationMethod,
  PrecisionBand,
  SensitivityLevel,
  VerificationState,
} from '../vocabulary.ts';
import type { PointGeometry } from '../geo/geojson-types.ts';
import type { SniffedType } from './sniff-content-type.ts';
import type { VerificationRecord } from './verification.ts';

/** Where the item came from: used to tell independent sources from re-posts. */
export interface EvidenceSource {
  /** Outlet, channel or account that published it ("VOD English", "@someone"). */
  publisher: string | null;
  url: string | null;
  /** SHA-256 of the original upload this item re-posts, when known. */
  originalSha256: string | null;
  /** How it reached us (a partner, a survivor, a crawl). */
  acquiredFrom: string | null;
}

/** What the source says: free text as given, plus a point if it named coordinates. */
export interface ClaimedCapture {
  capturedAt: string | null;
  placeText: string | null;
  point: PointGeometry | null;
}

export interface Geolocation {
  point: PointGeometry;
  method: GeolocationMethod;
  precision: PrecisionBand;
  reasoning: string;
  byUserId: string;
  at: string;
}

/** What analysts established, each with how. Null until someone established it. */
export interface VerifiedCapture {
  capturedAt: string | null;
  /** E.g. "shadow length", "metadata", "weather record", "first upload". */
  capturedAtMethod: string | null;
  geolocation: Geolocation | null;
}

export interface Evidence {
  id: string;
  kind: EvidenceKind;
  /**
   * SHA-256 of the original bytes; also its storage key (see sha256.ts). Null for items without a file (e.g. a phone
   * testimony note).
   */
  sha256: string | null;
  contentType: SniffedType | null;
  sizeBytes: number | null;
  displayName: string | null;
  source: EvidenceSource;
  /** When we obtained it (ISO timestamp). */
  acquiredAt: string;
  claimed: ClaimedCapture;
  verified: VerifiedCapture;
  verificationState: VerificationState;
  verificationHistory: VerificationRecord[];
  sensitivity: SensitivityLevel;
  compoundIds: string[];
  eventIds: string[];
  /** dHash of the image (or a video key frame) as 16 hex digits, for near-duplicate detection. */
  perceptualHash: string | null;
}
