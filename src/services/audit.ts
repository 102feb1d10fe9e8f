import { appendAudit, readAuditPage } from '../db/repositories/audit.ts';
import { asSystem, type Queryable } from '../db/transaction.ts';
import { findChainBreak, GENESIS_HASH, type ChainBreak } from '../core/audit/chain.ts';
import type { AppContext } from './context.ts';

/** Records who did or saw what, in the caller's transaction so it commits or rolls back with the work. */
/** Who an audit event is attributed to; null = the system itself (CLI, jobs, start-up). */
export interface AuditActor { userId: string; organisationId: string | null; requestId: string | null }

export function audit(
  trx: Queryable, app: AppContext, actor: AuditActor | null,
  action: string, resourceType: string, resourceId: string | null, details: Record<string, unknown> = {},
): Promise<number> {
  return appendAudit(trx, {
    at: app.now().toISOString(), actorUserId: actor?.userId ?? null, organisationId: actor?.organisationId ?? null,
    action, resourceType, resourceId, requestId: actor?.requestId ?? null, details,
  });
}

export interface AuditVerification { ok: boolean; checked: number; firstBreak: ChainBreak | null }

/** Walks the whole chain in pages and reports the first broken link, if any. */
export async function verifyAuditChain(app: AppContext, onProgress?: (checked: number) => void): Promise<AuditVerification> {
  let after = 0;
  let prev = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await asSystem(app.database, (trx) => readAuditPage(trx, after, 5000));
    if (rows.length === 0) return { ok: true, checked, firstBreak: null };
    const result = findChainBreak(rows, prev);
    checked += result.count;
    if (result.break) return { ok: false, checked, firstBreak: result.break };
    prev = result.lastHash;
    after = rows[rows.length - 1].seq;
    onProgress?.(checked);
  }
}
