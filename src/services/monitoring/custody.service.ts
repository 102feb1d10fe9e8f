/**
 * Chain of custody: every access, export and change of an evidence item appends a hash-chained
 * entry (core buildCustodyEntry) and an audit event, in the caller's transaction.
 */
import {
  buildCustodyEntry,
  findCustodyChainBreak,
  type CustodyAction,
  type CustodyDetails,
  type CustodyEntry,
} from '../../core/evidence/custody-log.ts';
import { appendAuditMany } from '../../db/repositories/audit.repository.ts';
import {
  insertCustodyEntries,
  lastCustodyEntry,
  listCustody,
} from '../../db/repositories/monitoring/evidence-custody.repository.ts';
import { lockEvidence } from '../../db/repositories/monitoring/evidence.repository.ts';
import type { Queryable, Tx } from '../../db/transaction.ts';
import { audit, type AuditActor } from '../audit.service.ts';
import type { AppContext } from '../context.ts';

export const CUSTODY_AUDIT_ACTION: Readonly<Record<CustodyAction, string>> = {
  ingested: 'evidence.ingest',
  accessed: 'evidence.read',
  exported: 'evidence.export',
  annotated: 'evidence.update',
  verification: 'evidence.verify',
  retracted: 'evidence.retract',
  linked: 'evidence.link',
};

export async function appendCustody(
  trx: Tx,
  app: AppContext,
  actor: AuditActor,
  evidenceId: string,
  action: CustodyAction,
  details: CustodyDetails = {},
): Promise<void> {
  // Serialise appends per item so the chain never forks (the row lock is held until commit).
  await lockEvidence(trx, evidenceId);
  const previous = await lastCustodyEntry(trx, evidenceId);
  let at = app.now().toISOString();
  // The chain must not go back in time; a clock step backwards is recorded at the previous instant.
  if (previous && Date.parse(at) < Date.parse(previous.at)) at = previous.at;
  const built = buildCustodyEntry({ evidenceId, actorId: actor.userId, action, at, details }, previous);
  if (!built.ok) throw new Error(`custody entry refused: ${built.reason}`);
  const seq = (previous?.seq ?? 0) + 1;
  await insertCustodyEntries(trx, [{ ...built.entry, seq }]);
  // The audit entry anchors the custody entry's hash in the signed tree: deleting or editing the
  // custody entry later (even the newest) no longer matches a sealed leaf.
  await audit(trx, app, actor, CUSTODY_AUDIT_ACTION[action], 'evidence', evidenceId, {
    custody: action,
    ...details,
    custodySeq: seq,
    custodyHash: built.entry.hash,
  });
}

export async function readCustody(trx: Tx, evidenceId: string) {
  const entries = await listCustody(trx, evidenceId, 10_000);
  const firstBreak = findCustodyChainBreak(entries);
  return { entries, firstBreak };
}

/** Anchors custody entries written in bulk (demo data) with one system audit entry each, as appendCustody does. */
export async function anchorCustody(
  trx: Queryable,
  entries: readonly (CustodyEntry & { seq: number })[],
): Promise<void> {
  await appendAuditMany(
    trx,
    entries.map((e) => ({
      actorUserId: null,
      organisationId: null,
      action: CUSTODY_AUDIT_ACTION[e.action],
      resourceType: 'evidence',
      resourceId: e.evidenceId,
      requestId: null,
      details: { custody: e.action, ...e.details, custodySeq: e.seq, custodyHash: e.hash },
    })),
  );
}
