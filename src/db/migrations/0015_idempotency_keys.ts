/**
 * Idempotency keys (issue #15): a field device replays a queued registration, screening or need with the key it
 * chose offline, and the server applies it exactly once. One row per (account, key), written in the same
 * transaction as the record it made, so a crash either keeps both or neither. What the request was and what was
 * answered (`record_enc`: the request's hash and the response body) is encrypted, since the answer can name a case
 * and the hash of a short body could be guessed back.
 *
 * Row-level security: an account sees and writes only its own keys in the organisation it is signed in to.
 * Nobody updates; rows go with their account (ON DELETE CASCADE) or with the organisation's demo purge.
 */
export const sql = /* sql */ `
CREATE TABLE idempotency_keys (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 128),
  operation text NOT NULL CHECK (length(operation) <= 200),
  response_status integer NOT NULL CHECK (response_status BETWEEN 200 AND 299),
  record_enc text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON idempotency_keys AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY idempotency_keys_own ON idempotency_keys FOR ALL TO refuge_app
  USING (user_id = (SELECT refuge_user_id()) AND organisation_id = (SELECT refuge_org_id()))
  WITH CHECK (user_id = (SELECT refuge_user_id()) AND organisation_id = (SELECT refuge_org_id()));
GRANT SELECT, INSERT ON idempotency_keys TO refuge_app;
`;
