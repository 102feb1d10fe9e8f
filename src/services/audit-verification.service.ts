/**
 * Verifying the audit log (audit.service.ts writes and seals it): `verifyAuditLog()` replays the tree from the rows
 * and checks it against the stored heads, an optional kept checkpoint and the custody log; `proveInclusion()` gives
 * inclusion proofs for sealed entries against the latest tree head.
 */
import { verifyCheckpoint, type Checkpoint } from '../core/audit/checkpoint.ts';
import type { AuditEntry } from '../core/audit/entry.ts';
import { custodyAnchor } from '../core/audit/evidence-proof.ts';
import { inclusionProof } from '../core/audit/merkle.ts';
import { checkCheckpoint, checkTreeHead, LogReplay, type LogProblem } from '../core/audit/replay.ts';
import { findCustodyChainBreak, type CustodyEntry } from '../core/evidence/custody-log.ts';
import {
  highestSealedLeaf,
  latestTreeHead,
  overdueUnsealed,
  readLeafHashes,
  readSealedPage,
  sealedAnchorsOf,
  unsealedAnchors,
} from '../db/repositories/audit.repository.ts';
import { readCustodyPage } from '../db/repositories/monitoring/evidence-custody.repository.ts';
import { asSystem } from '../db/transaction.ts';
import { AUDIT_SEAL_BOUND_SECONDS, latestCheckpoint } from './audit.service.ts';
import type { AppContext } from './context.ts';

export interface AuditVerification {
  ok: boolean;
  /** Sealed entries replayed. */
  checked: number;
  treeSize: number;
  firstProblem: LogProblem | null;
  /** Entries waiting longer than the bound to be sealed. */
  overdue: { count: number; oldestSeq: number | null };
}

/**
 * Replays the whole tree from the rows (in pages) and names the first problem: a leaf-index gap, an
 * edited row, a latest tree head that is not signed by our key or not reproduced, a kept checkpoint
 * that the log no longer extends, a custody entry deleted, edited or never anchored, or entries left
 * unsealed longer than the bound.
 */
export async function verifyAuditLog(
  app: AppContext,
  options: { checkpoint?: Checkpoint; onProgress?: (checked: number) => void } = {},
): Promise<AuditVerification> {
  // One snapshot of a live log: the tree head as it is now, and the leaves it covers. Entries sealed while we read
  // lie beyond it and are left to the next verification (the sealer writes leaves and head in one transaction).
  const head = await asSystem(app.database, (trx) => latestTreeHead(trx));
  // With no head at all every sealed leaf is replayed (the heads were deleted, or nothing is sealed yet).
  const covered = head ? head.treeSize : Number.POSITIVE_INFINITY;
  const replay = new LogReplay();
  const anchors = new Map<string, string>();
  let after = -1;
  for (let done = covered === 0; !done;) {
    const rows = await asSystem(app.database, (trx) => readSealedPage(trx, after, 5000));
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.entry.leafIndex >= covered) {
        done = true;
        break;
      }
      if (!replay.add(row.entry, row.leafHash)) break;
      const a = custodyAnchor(row.entry);
      if (a) anchors.set(`${a.evidenceId}#${a.custodySeq}`, a.custodyHash);
    }
    if (replay.problem) break;
    after = rows.at(-1)!.entry.leafIndex; // not empty: the loop stops on an empty page
    options.onProgress?.(replay.leaves.length);
  }
  const { latest, highest, overdue, pending } = await asSystem(app.database, async (trx) => ({
    latest: await latestTreeHead(trx),
    highest: await highestSealedLeaf(trx),
    overdue: await overdueUnsealed(trx, AUDIT_SEAL_BOUND_SECONDS),
    pending: await unsealedAnchors(trx),
  }));
  const result = (problem: LogProblem | null): AuditVerification => ({
    ok: problem === null && overdue.count === 0,
    checked: replay.leaves.length,
    treeSize: head?.treeSize ?? 0,
    overdue,
    firstProblem:
      problem ??
      (overdue.count > 0
        ? {
            seq: overdue.oldestSeq,
            leafIndex: null,
            reason: `${overdue.count} entries waited longer than ${AUDIT_SEAL_BOUND_SECONDS} s to be sealed (is the sealer running?)`,
          }
        : null),
  });
  if (replay.problem) return result(replay.problem);
  const leaves = replay.leaves;
  const keys = app.auditKeys;
  if (options.checkpoint) {
    if (keys && !verifyCheckpoint(options.checkpoint, keys.publicKey))
      return result({
        seq: null,
        leafIndex: null,
        reason: "the checkpoint is not signed by this deployment's audit key",
      });
    const problem = checkCheckpoint(leaves, options.checkpoint);
    if (problem) return result(problem);
  }
  // Read in one transaction, so a sealer working meanwhile cannot make these disagree.
  const latestSize = latest?.treeSize ?? 0;
  if (highest >= latestSize)
    return result(
      latest
        ? {
            seq: null,
            leafIndex: latestSize,
            reason:
              `${highest + 1 - latestSize} sealed entries lie beyond the latest signed tree head ` +
              `(${latestSize}): inserted behind the sealer's back`,
          }
        : {
            seq: null,
            leafIndex: 0,
            reason: `${highest + 1} sealed entries but no signed tree head: the heads were deleted`,
          },
    );
  if (head) {
    if (keys && !verifyCheckpoint({ origin: 'refuge-audit-checkpoint/1', ...head }, keys.publicKey)) {
      return result({
        seq: null,
        leafIndex: null,
        reason: `the latest tree head (size ${head.treeSize}) is not signed by the audit key: it was forged`,
      });
    }
    const problem = checkTreeHead(leaves, head);
    if (problem) return result(problem);
  }
  for (const p of pending) {
    const a = custodyAnchor(p);
    if (a) anchors.set(`${a.evidenceId}#${a.custodySeq}`, a.custodyHash);
  }
  return result(
    await checkCustody(
      app,
      anchors,
      new Set(pending.map((p) => `${p.resourceId}#${(p.details as { custodySeq?: number }).custodySeq}`)),
    ),
  );
}

/** Every custody entry must be anchored (same hash) and every sealed anchor must still have its entry. */
async function checkCustody(
  app: AppContext,
  anchors: Map<string, string>,
  unsealedKeys: Set<string>,
): Promise<LogProblem | null> {
  const seen = new Set<string>();
  let after: { evidenceId: string; seq: number } | null = null;
  let item: (CustodyEntry & { seq: number })[] = [];
  const checkItem = (): LogProblem | null => {
    const [first] = item;
    if (!first) return null;
    const id = first.evidenceId;
    const gap = item.findIndex((e, i) => e.seq !== i + 1);
    if (gap !== -1)
      return {
        seq: null,
        leafIndex: null,
        reason: `custody log of evidence ${id}: entry ${gap + 1} is missing (deleted)`,
      };
    const broken = findCustodyChainBreak(item);
    if (broken !== -1)
      return {
        seq: null,
        leafIndex: null,
        reason: `custody log of evidence ${id}: entry ${broken + 1} breaks its hash chain (edited)`,
      };
    return null;
  };
  for (;;) {
    const rows = await asSystem(app.database, (trx) => readCustodyPage(trx, after, 5000));
    for (const entry of rows) {
      if (item[0] && item[0].evidenceId !== entry.evidenceId) {
        const p = checkItem();
        if (p) return p;
        item = [];
      }
      item.push(entry);
      const key = `${entry.evidenceId}#${entry.seq}`;
      seen.add(key);
      const anchored = anchors.get(key);
      if (anchored !== entry.hash) {
        return {
          seq: null,
          leafIndex: null,
          reason: `custody entry ${entry.seq} of evidence ${entry.evidenceId} ${anchored ? 'differs from the hash the audit log anchored (edited)' : 'is not anchored in the audit log (inserted behind its back)'}`,
        };
      }
    }
    if (rows.length < 5000) break;
    const last = rows.at(-1);
    if (!last) break;
    after = { evidenceId: last.evidenceId, seq: last.seq };
  }
  const p = checkItem();
  if (p) return p;
  for (const key of anchors.keys()) {
    if (!seen.has(key) && !unsealedKeys.has(key)) {
      const [evidenceId, seq] = key.split('#');
      return {
        seq: null,
        leafIndex: null,
        reason: `custody entry ${seq} of evidence ${evidenceId} is anchored in the audit log but no longer exists (deleted)`,
      };
    }
  }
  return null;
}

/** Inclusion proofs for the given sealed entries against the latest tree head. */
export async function proveInclusion(
  app: AppContext,
  entries: readonly AuditEntry[],
): Promise<{ checkpoint: Checkpoint; proofs: string[][] }> {
  const checkpoint = await latestCheckpoint(app);
  if (!checkpoint) throw new Error('nothing is sealed yet');
  const leaves: string[] = [];
  while (leaves.length < checkpoint.treeSize) {
    const page = await asSystem(app.database, (trx) =>
      readLeafHashes(trx, leaves.length - 1, Math.min(50_000, checkpoint.treeSize - leaves.length)),
    );
    if (page.length === 0) throw new Error('the log holds fewer entries than its latest tree head');
    leaves.push(...page);
  }
  return { checkpoint, proofs: entries.map((e) => inclusionProof(leaves, e.leafIndex, checkpoint.treeSize)) };
}

export async function sealedCustodyAnchors(app: AppContext, evidenceId: string): Promise<AuditEntry[]> {
  return asSystem(app.database, (trx) => sealedAnchorsOf(trx, evidenceId));
}
