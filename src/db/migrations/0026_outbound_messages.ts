import { registerEncryptedColumn } from '../encrypted-columns.ts';

/**
 * Messages to the contact a person gave on the help page (issue #15): "received", and each later change of what
 * their code shows (status, where to go, flight date), in their language. The table is the queue: a row is queued
 * in the same transaction as the change it tells of, and delivered by a background job (services/help-messages).
 *
 * Who it goes to and what it says are sealed together in `envelope_enc` (bound to outbound_messages.envelope_enc:<id>,
 * like help_requests.content_enc). In clear are only what staff see beside the request: why it was queued, its
 * delivery status, tries and times, and a short error that never quotes the gateway's answer.
 *
 * Staff of the request's organisation queue rows (only for a request of their own) and read them, but not the
 * envelope: refuge_app has no SELECT on that column. Only the system reads it, to deliver, and only the system
 * moves a row on.
 */
registerEncryptedColumn({ table: 'outbound_messages', column: 'envelope_enc', key: 'id' });

export const sql = /* sql */ `
CREATE TABLE outbound_messages (
  id uuid PRIMARY KEY,
  -- The order messages were queued in (two in the same millisecond keep their order). A serial, not an identity
  -- GENERATED ALWAYS: a restore inserts rows as they were and then moves serials on (whole-tables.repository.ts).
  seq bigserial,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  help_request_id uuid NOT NULL REFERENCES help_requests(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('received', 'status', 'next_steps')),
  language text NOT NULL CHECK (length(language) BETWEEN 2 AND 10),
  envelope_enc text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  -- While a delivery is under way: another worker leaves the row alone until then.
  locked_until timestamptz,
  last_error text CHECK (length(last_error) <= 200),
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbound_messages_request ON outbound_messages(help_request_id, seq);

ALTER TABLE outbound_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbound_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON outbound_messages AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY outbound_messages_own_read ON outbound_messages FOR SELECT TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()));
-- Queued only for a request the session's organisation can see (help_requests' own policy), fresh and untried.
CREATE POLICY outbound_messages_own_queue ON outbound_messages FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = (SELECT refuge_org_id())
              AND help_request_id IN (SELECT id FROM help_requests)
              AND status = 'queued' AND attempts = 0 AND sent_at IS NULL AND locked_until IS NULL);
GRANT SELECT (id, seq, organisation_id, help_request_id, reason, language, status, attempts, next_attempt_at, last_error,
  created_at, sent_at), INSERT (id, organisation_id, help_request_id, reason, language, envelope_enc, created_at)
  ON outbound_messages TO refuge_app;
GRANT USAGE ON SEQUENCE outbound_messages_seq_seq TO refuge_app;
`;
