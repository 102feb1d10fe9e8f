import { encryptionContext } from '../../db/encrypted-columns.ts';
import {
  clearCaseEventSummaries,
  sealCaseEventSummary,
} from '../../db/repositories/casework/case-events.repository.ts';
import { clearReferralReasons, sealReferralReason } from '../../db/repositories/casework/referrals.repository.ts';
import { asSystem } from '../../db/transaction.ts';
import type { AppContext } from '../context.ts';

const BATCH = 500;

/**
 * Start-up step of migration 0009 (the key is not in the database, so SQL alone cannot do it):
 * every clear timeline summary and referral reason written before 0009 is moved into its
 * envelope (case_events.detail_enc, referrals.state_reason_enc, each bound to its row) and the
 * clear column is nulled, in batches, before the server serves. Idempotent: a sealed or fresh
 * database has nothing to move. An old summary becomes the entry's free text (shown only to the
 * organisation that wrote it); its line is rendered from the kind alone.
 */
export async function sealClearFreeText(app: AppContext): Promise<{ caseEvents: number; referrals: number }> {
  const moved = { caseEvents: 0, referrals: 0 };
  for (;;) {
    const n = await asSystem(app.database, async (trx) => {
      const rows = await clearCaseEventSummaries(trx, BATCH);
      for (const r of rows)
        await sealCaseEventSummary(
          trx,
          r.id,
          app.cipher.encrypt(r.summary, encryptionContext('case_events', 'detail_enc', r.id)),
        );
      return rows.length;
    });
    moved.caseEvents += n;
    if (n < BATCH) break;
  }
  for (;;) {
    const n = await asSystem(app.database, async (trx) => {
      const rows = await clearReferralReasons(trx, BATCH);
      for (const r of rows)
        await sealReferralReason(
          trx,
          r.id,
          app.cipher.encrypt(r.stateReason, encryptionContext('referrals', 'state_reason_enc', r.id)),
        );
      return rows.length;
    });
    moved.referrals += n;
    if (n < BATCH) break;
  }
  return moved;
}
