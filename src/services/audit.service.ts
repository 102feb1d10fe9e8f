/**
 * The audit log as a transparency log. `audit()` appends an unsealed entry in the caller's
 * transaction (no global lock); `sealAudit()` gives committed entries contiguous leaf indices in
 * batches, stores a new tree head signed with the key outside the database and writes the signed
 * checkpoint to the checkpoint directory; `verifyAuditLog()` replays the tree from the rows and
 * checks it against the stored heads, an optional kept checkpoint and the custody log.
 */
import type { CompiledQuery } from 'kysely';
import { signTreeHead, verifyCheckpoint, type Checkpoint } from '../core/audit/checkpoint.ts';
import { auditLeafHash, type AuditEntry } from '../core/audit/entry.ts';
import { custodyAnchor } from '../core/audit/evidence-proof.ts';
import { appendToFrontier, EMPTY_FRONTIER, frontierRoot, inclusionProof } from '../core/audit/merkle.ts';
import { checkCheckpoint, checkTreeHead, LogReplay, type LogProblem } from '../core/audit/replay.ts';
import { findCustodyChainBreak, type CustodyEntry } from '../core/evidence/custody-log.ts';
import { writeCheckpointFiles, type AuditKeys } from '../db/audit-key.ts';
import {
  appendAudit,
  auditAppend,
  type AuditAppend,
  databaseTime,
  insertTreeHead,
  latestTreeHead,
  lockSealer,
  markSealed,
  overdueUnsealed,
  readLeafHashes,
  readSealedPage,
  highestSealedLeaf,
  readUnsealed,
  sealedAnchorsOf,
  unsealedAnchors,
} from '../db/repositories/audit.repository.ts';
import { readCustodyPage } from '../db/repositories/monitoring/evidence-custody.repository.ts';
import { asActor, asSystem, type Queryable } from '../db/transaction.ts';
import type { AppContext, RequestActor } from './context.ts';

/** Who an audit event is attributed to; null = the system itself (CLI, jobs, start-up). */
export interface AuditActor {
  userId: string;
  organisationId: string | null;
  requestId: string | null;
}

/** How long an entry may wait to be sealed before verification reports it (the sealer runs every second). */
export const AUDIT_SEAL_BOUND_SECONDS = 60;
export const AUDIT_SEAL_INTERVAL_MS = 1000;
const SEAL_BATCH = 5000;

/**
 * Records who did or saw what, in the caller's transaction so it commits or rolls back with the work.
 * In an actor transaction the database takes the actor, organisation and time itself; `actor` only
 * matters for the owner's (system) transactions.
 */
export function audit(
  trx: Queryable,
  _app: AppContext,
  actor: AuditActor | null,
  action: string,
  resourceType: string,
  resourceId: string | null,
  details: Record<string, unknown> = {},
): Promise<number> {
  return appendAudit(trx, auditEntry(actor, action, resourceType, resourceId, details));
}

/** The statement `audit()` sends, for a use case that writes it together with its work (db/write-together). */
export function auditWrite(
  trx: Queryable,
  actor: AuditActor | null,
  action: string,
  resourceType: string,
  resourceId: string | null,
  details: Record<string, unknown> = {},
): CompiledQuery {
  return auditAppend(trx, auditEntry(actor, action, resourceType, resourceId, details));
}

/** The entry `audit()` appends, for a repository that writes it in the same statement as the work (registration). */
export function auditEntry(
  actor: AuditActor | null,
  action: string,
  resourceType: string,
  resourceId: string | null,
  details: Record<string, unknown> = {},
): AuditAppend {
  return {
    actorUserId: actor?.userId ?? null,
    organisationId: actor?.organisationId ?? null,
    action,
    resourceType,
    resourceId,
    requestId: actor?.requestId ?? null,
    details,
  };
}

function keysOf(app: AppContext): AuditKeys {
  if (!app.auditKeys)
    throw new Error('no audit signing key configured (REFUGE_AUDIT_SIGNING_KEY or the data directory)');
  return app.auditKeys;
}

export interface SealResult {
  sealed: number;
  treeSize: number;
  checkpoint: Checkpoint | null;
}

/**
 * Seals every committed, unsealed entry (in batches) and signs the new tree head. Safe to run from
 * every process at once: sealers take turns on an advisory lock that appenders never touch.
 */
export async function sealAudit(app: AppContext): Promise<SealResult> {
  const keys = keysOf(app);
  let sealed = 0;
  let last: { treeSize: number; checkpoint: Checkpoint | null } = { treeSize: 0, checkpoint: null };
  for (;;) {
    const batch = await asSystem(app.database, async (trx) => {
      await lockSealer(trx);
      const head = await latestTreeHead(trx);
      const rows = await readUnsealed(trx, SEAL_BATCH);
      if (rows.length === 0) return { n: 0, treeSize: head?.treeSize ?? 0, checkpoint: null };
      const start = head?.treeSize ?? 0;
      const leaves = rows.map((row, i) => ({
        seq: row.seq,
        leafIndex: start + i,
        leafHash: auditLeafHash({ ...row, leafIndex: start + i }),
      }));
      const frontier = appendToFrontier(
        head?.frontier ?? EMPTY_FRONTIER,
        leaves.map((l) => l.leafHash),
      );
      const checkpoint = signTreeHead(
        { treeSize: frontier.size, rootHash: frontierRoot(frontier), timestamp: await databaseTime(trx) },
        keys.signingKey,
      );
      await markSealed(trx, leaves);
      await insertTreeHead(trx, { ...checkpoint, frontier });
      return { n: rows.length, treeSize: frontier.size, checkpoint };
    });
    sealed += batch.n;
    if (batch.n > 0 || !last.checkpoint)
      last = { treeSize: batch.treeSize, checkpoint: batch.checkpoint ?? last.checkpoint };
    if (batch.checkpoint) writeCheckpointFiles(keys, batch.checkpoint);
    if (batch.n < SEAL_BATCH) return { sealed, ...last };
  }
}

/** The latest signed tree head as a checkpoint (null before the first seal). */
export async function latestCheckpoint(app: AppContext): Promise<Checkpoint | null> {
  const head = await asSystem(app.database, (trx) => latestTreeHead(trx));
  if (!head) return null;
  const { frontier: _frontier, ...rest } = head;
  return { origin: 'refuge-audit-checkpoint/1', ...rest };
}

/** Runs the sealer every second in a server process (each process runs one; they take turns). */
export class AuditSealer {
  private timer: NodeJS.Timeout | null = null;
  private active: Promise<unknown> | null = null;
  constructor(
    private readonly app: AppContext,
    private readonly onError: (error: Error) => void = () => undefined,
    private readonly intervalMs = AUDIT_SEAL_INTERVAL_MS,
  ) {}

  start(): void {
    if (this.timer || !this.app.auditKeys) return;
    const tick = async () => {
      this.active = sealAudit(this.app).catch((e: Error) => this.onError(e));
      await this.active;
      if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.active;
  }
}

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

/**
 * A refused request for a resource (403/404) is recorded in its own transaction, so the record stays
 * although the request's own transaction rolled back. Failures are swallowed: the caller's answer
 * must not change.
 */
export async function auditRefusal(
  app: AppContext,
  actor: RequestActor,
  resourceType: string,
  resourceId: string,
  details: Record<string, unknown>,
): Promise<void> {
  await asActor(app.database, actor, (trx) =>
    audit(trx, app, actor, 'access.refused', resourceType, resourceId, details),
  );
}
