/**
 * An item's chain of custody as people read it: the log (actors attributed as the reader may see them) and the
 * third-party proof of it. Appending to the chain is custody.service.ts.
 */
import type { CustodyLog } from '../../contracts/monitoring/evidence.ts';
import { EVIDENCE_PROOF_FORMAT, type EvidenceProof } from '../../core/audit/evidence-proof.ts';
import { seesCaptureMetadata } from '../../core/evidence/metadata-disclosure.ts';
import { publicKeyPem } from '../../db/audit-key.ts';
import { listCustody } from '../../db/repositories/monitoring/evidence-custody.repository.ts';
import { asActor } from '../../db/transaction.ts';
import { attributorFor } from '../attribution.service.ts';
import { audit, sealAudit } from '../audit.service.ts';
import { proveInclusion, sealedCustodyAnchors } from '../audit-verification.service.ts';
import type { AppContext, RequestActor } from '../context.ts';
import { forbidden } from '../errors.ts';
import { authorise, metadataAudience } from './access.service.ts';
import { appendCustody, readCustody } from './custody.service.ts';
import { loadEvidence } from './evidence-read.service.ts';

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
