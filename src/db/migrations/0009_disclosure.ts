import { registerEncryptedColumn } from '../encrypted-columns.ts';

/**
 * Issue #8 §3, curated views: free text is encrypted at rest and timelines are structured.
 *  - case_events: `params` (kind parameters: statuses, need kinds, organisation ids, counts) and
 *    `detail_enc` (the entry's free text — a status or risk reason — in an envelope bound to
 *    case_events.detail_enc:<id>). `summary` is no longer written: a NOT VALID check refuses any
 *    new clear text while leaving existing rows to the start-up step below.
 *  - referrals: `state_reason_enc` replaces `state_reason` the same way; `frozen_at` marks a live
 *    referral the survivor's current consent no longer covers (core/disclosure consentCovers).
 * The key is not in the database, so the migration cannot encrypt: at start-up, before serving,
 * services/casework/free-text-seal moves every remaining clear `summary` / `state_reason` into
 * its envelope and nulls the clear column (idempotent; a fresh database has nothing to move).
 * A later migration may drop the two clear columns once every deployment has started once.
 */
registerEncryptedColumn({ table: 'case_events', column: 'detail_enc', key: 'id' });
registerEncryptedColumn({ table: 'referrals', column: 'state_reason_enc', key: 'id' });

export const sql = /* sql */ `
ALTER TABLE case_events ADD COLUMN params jsonb NOT NULL DEFAULT '{}';
ALTER TABLE case_events ADD COLUMN detail_enc text;
ALTER TABLE case_events ALTER COLUMN summary DROP NOT NULL;
ALTER TABLE case_events ADD CONSTRAINT case_events_no_clear_summary CHECK (summary IS NULL) NOT VALID;

ALTER TABLE referrals ADD COLUMN state_reason_enc text;
ALTER TABLE referrals ADD COLUMN frozen_at timestamptz;
ALTER TABLE referrals ADD CONSTRAINT referrals_no_clear_reason CHECK (state_reason IS NULL) NOT VALID;
`;
