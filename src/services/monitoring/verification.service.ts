/**
 * Verification steps through core applyVerificationStep: reviewer and reasoning on every step,
 * independent sources counted by core countIndependentSources, the two-person rule for
 * "verified". A geolocation also assigns the item to a compound (core FootprintIndex).
 */
import type { EvidenceView, VerificationStepInput } from '../../contracts/monitoring/evidence.ts';
import { countIndependentSources, type SourceOrigin } from '../../core/evidence/corroboration.ts';
import { applyVerificationStep, type VerificationStep } from '../../core/evidence/verification.ts';
import {
  findEvidenceByIds,
  lockEvidence,
  updateEvidence,
  type EvidenceChange,
  type EvidenceRow,
} from '../../db/repositories/monitoring/evidence.repository.ts';
import { asActor } from '../../db/transaction.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { authoriseVerification, readsSensitiveEvidence } from './access.service.ts';
import { assignPoint, footprintIndex } from './assignment.service.ts';
import { appendCustody } from './custody.service.ts';
import { evidenceView, loadEvidence } from './evidence-read.service.ts';
import { recordEdit } from './edit-history.service.ts';

const origin = (e: EvidenceRow): SourceOrigin => ({
  evidenceId: e.id,
  sha256: e.sha256,
  originalSha256: e.sourceOriginalSha256,
  publisher: e.sourcePublisher,
  url: e.sourceUrl,
  perceptualHash: e.perceptualHash,
});

export async function takeVerificationStep(
  app: AppContext,
  actor: RequestActor,
  id: string,
  input: VerificationStepInput,
): Promise<EvidenceView> {
  authoriseVerification(actor);
  return asActor(app.database, actor, async (trx) => {
    await lockEvidence(trx, id);
    const row = await loadEvidence(trx, id);
    if (row.retractedAt) throw conflict('this evidence was retracted');
    const step: VerificationStep = { ...input, reviewerId: actor.userId };

    // Corroborating items: those named now, or (to verify) those named in earlier corroboration steps.
    const named =
      input.kind === 'corroborate'
        ? input.corroboratingEvidenceIds
        : row.verificationHistory.flatMap((r) => (r.kind === 'corroborate' ? r.corroboratingEvidenceIds : []));
    const ids = [...new Set(named)].filter((x) => x !== id);
    if (input.kind === 'corroborate' && ids.length === 0)
      throw invalid({ 'body.corroboratingEvidenceIds': 'name other evidence than this item' });
    const others = await findEvidenceByIds(trx, ids);
    const live = others.filter((o) => !o.retractedAt);
    if (input.kind === 'corroborate' && live.length !== ids.length) {
      const found = new Set(live.map((o) => o.id));
      const unknown = ids.filter((x) => !found.has(x));
      throw invalid({
        'body.corroboratingEvidenceIds': `unknown or retracted evidence: ${unknown.join(', ')}`,
      });
    }
    const sources = countIndependentSources([row, ...live].map(origin));

    const at = app.now().toISOString();
    const result = applyVerificationStep(row.verificationState, step, {
      at,
      history: row.verificationHistory,
      independentSources: sources.count,
    });
    if (!result.ok) throw conflict(result.reason);

    const change: EvidenceChange = {
      verificationState: result.next,
      verificationHistory: [...row.verificationHistory, result.record],
    };
    if (step.kind === 'geolocate') {
      const point = step.point.coordinates;
      change.geolocation = {
        point: { type: 'Point', coordinates: [point[0], point[1]] },
        method: step.method,
        precision: step.precision,
        reasoning: step.reasoning,
        byUserId: actor.userId,
        at,
      };
      change.lon = point[0];
      change.lat = point[1];
      const proposal = assignPoint(await footprintIndex(trx), [point[0], point[1]], 'verified', step.precision);
      change.proposedCompound = proposal;
      change.positionFromExif = false;
      // An asserted assignment links the item; a proposed one waits for a person (PATCH compoundId).
      if (proposal?.confidence === 'asserted') change.compoundId = proposal.compoundId;
    }
    await updateEvidence(trx, id, change, at);
    await recordEdit(
      trx,
      app,
      actor,
      { type: 'evidence', id },
      'verification',
      { verificationState: row.verificationState, geolocation: row.geolocation, compoundId: row.compoundId },
      { verificationState: change.verificationState, geolocation: change.geolocation, compoundId: change.compoundId },
    );
    await appendCustody(trx, app, actor, id, 'verification', {
      step: step.kind,
      from: result.record.from,
      to: result.next,
      independentSources: sources.count,
      compoundId: change.compoundId ?? null,
    });
    return evidenceView(trx, app, actor, await loadEvidence(trx, id), await readsSensitiveEvidence(trx, actor));
  });
}
