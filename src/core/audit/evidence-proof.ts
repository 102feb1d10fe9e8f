/**
 * What a third party needs to check an evidence item's chain of custody without access to Refuge:
 * the custody entries, the audit entries that anchor each of them in the transparency log, an
 * inclusion proof for each, and a signed checkpoint. `verifyEvidenceProof` needs nothing but this
 * file, node:crypto and the organisation's published public key.
 */
import { findCustodyChainBreak, type CustodyEntry } from '../evidence/custody-log.ts';
import { parseCheckpoint, verifyCheckpoint, type Checkpoint } from './checkpoint.ts';
import { auditLeafHash, type AuditEntry } from './entry.ts';
import { verifyInclusion, type Hex } from './merkle.ts';

export const EVIDENCE_PROOF_FORMAT = 'refuge-evidence-proof/1';

export interface EvidenceProof {
  format: typeof EVIDENCE_PROOF_FORMAT;
  evidenceId: string;
  /** SHA-256 of the original file, when the item has one. */
  sha256: string | null;
  custody: (CustodyEntry & { seq: number })[];
  anchors: { entry: AuditEntry; proof: Hex[] }[];
  checkpoint: Checkpoint;
  /** The signer's public key (SPKI PEM), for convenience: a verifier pins the key it trusts. */
  publicKey: string;
}

/** Where an audit entry records which custody entry it anchors. */
export function custodyAnchor(
  entry: Pick<AuditEntry, 'resourceType' | 'resourceId' | 'details'>,
): { evidenceId: string; custodySeq: number; custodyHash: string } | null {
  const d = entry.details;
  if (
    entry.resourceType !== 'evidence' ||
    !entry.resourceId ||
    typeof d.custodyHash !== 'string' ||
    typeof d.custodySeq !== 'number'
  )
    return null;
  return { evidenceId: entry.resourceId, custodySeq: d.custodySeq, custodyHash: d.custodyHash };
}

export type EvidenceProofResult = { ok: true; entries: number; treeSize: number } | { ok: false; reason: string };

export function verifyEvidenceProof(bundle: EvidenceProof, trustedPublicKeyPem: string): EvidenceProofResult {
  if (bundle?.format !== EVIDENCE_PROOF_FORMAT) return { ok: false, reason: 'not a Refuge evidence proof' };
  const checkpoint = parseCheckpoint(bundle.checkpoint);
  if (!checkpoint || !verifyCheckpoint(checkpoint, trustedPublicKeyPem))
    return { ok: false, reason: 'the checkpoint is not signed by the trusted key' };
  if (!Array.isArray(bundle.custody) || bundle.custody.length === 0) return { ok: false, reason: 'no custody entries' };
  if (bundle.custody.some((c) => c.evidenceId !== bundle.evidenceId))
    return { ok: false, reason: 'a custody entry belongs to another item' };
  if (bundle.custody.some((c, i) => c.seq !== i + 1))
    return { ok: false, reason: 'custody entries are not numbered 1, 2, 3… (one is missing)' };
  const broken = findCustodyChainBreak(bundle.custody);
  if (broken !== -1) return { ok: false, reason: `custody entry ${broken + 1} breaks the hash chain` };
  if (
    bundle.sha256 !== null &&
    bundle.custody[0]!.details.sha256 !== undefined &&
    bundle.custody[0]!.details.sha256 !== bundle.sha256
  ) {
    return { ok: false, reason: 'the file hash differs from the one recorded at ingestion' };
  }
  for (const c of bundle.custody) {
    const anchor = bundle.anchors.find((a) => {
      const x = custodyAnchor(a.entry);
      return x !== null && x.evidenceId === bundle.evidenceId && x.custodySeq === c.seq && x.custodyHash === c.hash;
    });
    if (!anchor) return { ok: false, reason: `custody entry ${c.seq} has no anchor in the audit log` };
    if (
      !verifyInclusion(
        auditLeafHash(anchor.entry),
        anchor.entry.leafIndex,
        checkpoint.treeSize,
        anchor.proof,
        checkpoint.rootHash,
      )
    ) {
      return {
        ok: false,
        reason: `custody entry ${c.seq}: the inclusion proof does not lead to the checkpoint's root`,
      };
    }
  }
  return { ok: true, entries: bundle.custody.length, treeSize: checkpoint.treeSize };
}
