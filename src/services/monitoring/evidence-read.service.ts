/** Shared reads of one evidence item, with the visibility rules applied. */
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE } from '../../core/evidence/perceptual-hash.ts';
import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  findEvidence,
  listPerceptualHashes,
  type EvidenceRow,
} from '../../db/repositories/monitoring/evidence.repository.ts';
import { eventIdsCiting } from '../../db/repositories/monitoring/events.repository.ts';
import type { Queryable } from '../../db/transaction.ts';
import type { EvidenceView } from '../../contracts/monitoring/evidence.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { seesCaptureMetadata } from '../../core/evidence/metadata-disclosure.ts';
import { metadataAudience } from './access.service.ts';
import { notFound } from '../errors.ts';
import { presentEvidence } from './evidence-presenters.ts';
import { attributorFor } from '../attribution.service.ts';

/** How many recent perceptual hashes a near-duplicate check compares against. */
export const NEAR_DUPLICATE_WINDOW = 20_000;

export async function nearDuplicatesOf(
  trx: Queryable,
  id: string,
  hash: string | null,
): Promise<{ evidenceId: string; distance: number }[]> {
  if (!hash) return [];
  const out: { evidenceId: string; distance: number }[] = [];
  for (const other of await listPerceptualHashes(trx, NEAR_DUPLICATE_WINDOW)) {
    if (other.id === id) continue;
    const distance = hammingDistance(hash, other.perceptualHash);
    if (distance <= NEAR_DUPLICATE_MAX_DISTANCE) out.push({ evidenceId: other.id, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || (a.evidenceId < b.evidenceId ? -1 : 1)).slice(0, 50);
}

/** The row, or 404 (row-level security already hides testimony from those not allowed to read it). */
export async function loadEvidence(trx: Queryable, id: string): Promise<EvidenceRow> {
  const row = await findEvidence(trx, id);
  if (!row) throw notFound('evidence');
  return row;
}

export async function evidenceView(
  trx: Queryable,
  app: AppContext,
  actor: RequestActor,
  row: EvidenceRow,
  readsSensitive: boolean,
): Promise<EvidenceView> {
  const testimonyText =
    readsSensitive && row.testimonyEnc
      ? app.cipher.decrypt(row.testimonyEnc, encryptionContext('evidence', 'testimony_enc', row.id))
      : null;
  const seesMetadata = seesCaptureMetadata(await metadataAudience(trx, actor), row.organisationId);
  return presentEvidence(row, {
    testimonyText,
    nearDuplicates: await nearDuplicatesOf(trx, row.id, row.perceptualHash),
    eventIds: await eventIdsCiting(trx, row.id),
    seesMetadata,
    who: await attributorFor(trx, actor, [
      ...row.verificationHistory.map((r) => r.reviewerId),
      row.acquiredBy,
      row.retractedBy,
      row.geolocation?.byUserId,
    ]),
  });
}
