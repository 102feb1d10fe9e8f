/**
 * The audit log as a transparency log. `audit()` appends an unsealed entry in the caller's
 * transaction (no global lock); `sealAudit()` gives committed entries contiguous leaf indices in
 * batches, stores a new tree head signed with the key outside the database and writes the signed
 * checkpoint to the checkpoint directory. Verifying it is audit-verification.service.ts.
 */
import type { CompiledQuery } from 'kysely';
import { signTreeHead, type Checkpoint } from '../core/audit/checkpoint.ts';
import { auditLeafHash } from '../core/audit/entry.ts';
import { appendToFrontier, EMPTY_FRONTIER, frontierRoot } from '../core/audit/merkle.ts';
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
  readUnsealed,
} from '../db/repositories/audit.repository.ts';
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
