/**
 * Help requests from survivors (issue #15): the public help page (no sign-in) lands a request in the chosen
 * organisation's queue, marked unverified. Everything the person wrote is in `content_enc` (encrypted, bound to the
 * row); in clear are only the organisation, the page language, the status and times. The person's private code is
 * kept as a hash (`code_hash`, SHA-256 of a 60-bit random code shown once), so the status can be looked up with the
 * code and the database holds nothing that leads back to it.
 *
 * Inserted by the system (the public route has no session); read and moved on only by members of the organisation
 * it was sent to. Nobody deletes through the request role.
 */
export const sql = /* sql */ `
CREATE TABLE help_requests (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  language text NOT NULL CHECK (length(language) BETWEEN 2 AND 10),
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'will_contact', 'closed', 'spam')),
  code_hash text NOT NULL UNIQUE,
  content_enc text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX help_requests_queue ON help_requests(organisation_id, created_at DESC);

ALTER TABLE help_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE help_requests FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON help_requests AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY help_requests_own_queue ON help_requests FOR SELECT TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()));
CREATE POLICY help_requests_own_queue_update ON help_requests FOR UPDATE TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()))
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND updated_by = (SELECT refuge_user_id()));
GRANT SELECT, UPDATE (status, updated_at, updated_by) ON help_requests TO refuge_app;
`;
