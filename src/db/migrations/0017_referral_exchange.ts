import { registerEncryptedColumn } from '../encrypted-columns.ts';

/**
 * Issue #11, two-way referrals: what the sender asks and writes with a referral, the receiver's
 * replies and its record of the care given (outcome, next step), in one append-only thread per
 * referral. Every entry is free text addressed by one party to the other, sealed in `body_enc`
 * (bound to referral_messages.body_enc:<id>). The two parties are copied from the referral so that
 * row-level security reads them without a join, and an entry can only be written by one of them,
 * for a referral between exactly them. Only the two organisations ever read the thread
 * (core/disclosure referral_exchange), and the receiver only while the survivor's consent covers
 * the referral (services/casework/referral-exchange.service.ts).
 */
registerEncryptedColumn({ table: 'referral_messages', column: 'body_enc', key: 'id' });

export const sql = /* sql */ `
CREATE TABLE referral_messages (
  id uuid PRIMARY KEY,
  -- The order entries were written in (two in the same millisecond keep their order).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  referral_id uuid NOT NULL REFERENCES referrals(id),
  from_organisation_id uuid NOT NULL REFERENCES organisations(id),
  to_organisation_id uuid NOT NULL REFERENCES organisations(id),
  author_organisation_id uuid NOT NULL REFERENCES organisations(id),
  author_user_id uuid REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('request','reply','care_record')),
  body_enc text NOT NULL,
  created_at timestamptz NOT NULL,
  CHECK (author_organisation_id = from_organisation_id OR author_organisation_id = to_organisation_id),
  -- The sender asks; the receiver records care.
  CHECK (kind <> 'request' OR author_organisation_id = from_organisation_id),
  CHECK (kind <> 'care_record' OR author_organisation_id = to_organisation_id)
);
CREATE INDEX referral_messages_thread ON referral_messages(referral_id, seq);

ALTER TABLE referral_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_messages FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON referral_messages AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY referral_messages_parties ON referral_messages FOR SELECT TO refuge_app
  USING (from_organisation_id = (SELECT refuge_org_id()) OR to_organisation_id = (SELECT refuge_org_id()));
CREATE POLICY referral_messages_write ON referral_messages FOR INSERT TO refuge_app
  WITH CHECK (
    author_organisation_id = (SELECT refuge_org_id())
    AND author_user_id = (SELECT refuge_user_id())
    AND EXISTS (
      SELECT 1 FROM referrals r
      WHERE r.id = referral_messages.referral_id
        AND r.from_organisation_id = referral_messages.from_organisation_id
        AND r.to_organisation_id = referral_messages.to_organisation_id
    )
  );
-- Append-only for the application: no UPDATE or DELETE grant (key rotation and the demo purge run as the owner).
GRANT SELECT, INSERT ON referral_messages TO refuge_app;
`;
