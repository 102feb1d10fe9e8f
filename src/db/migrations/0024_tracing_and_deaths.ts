/**
 * Issue #10, "Tracing and those who did not make it" (core/tracing, core/deaths).
 *
 * 1. tracing_requests: a request recorded by one organisation (for a family member, an embassy or itself). What the
 *    requester said is in details_enc (encrypted, bound to the row); in clear only the organisation, the requester's
 *    kind, the consent basis and times. Read, recorded and closed by that organisation only. answer_enc is written
 *    only through refuge_tracing_answer, by the holder of a survivor who consented to share: the requesting
 *    organisation cannot write it, and the matching itself never touches the request row (a candidate, a decline
 *    or a withheld answer leaves it exactly as it was).
 * 2. tracing_proposals: "someone is being sought who may match your survivor X", written by the system (matching) and
 *    read and decided only by the organisation holding the survivor; summary_enc is what it needs to decide
 *    (encrypted, bound to the proposal row). The requesting organisation has no policy on it.
 * 3. death_reports: deaths reported in a compound or after exit, restricted: read and written by the recording
 *    organisation only (a survivor it links must be its own); details_enc is encrypted. Counted across
 *    organisations only by the system, through the suppression code.
 * PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
CREATE TABLE tracing_requests (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  requester_kind text NOT NULL CHECK (requester_kind IN ('family', 'embassy', 'organisation')),
  consent_basis text NOT NULL CHECK (consent_basis IN ('requester_verbal', 'requester_written', 'official_mandate')),
  details_enc text NOT NULL,
  answer_enc text,
  answered_at timestamptz,
  closed_at timestamptz,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX tracing_requests_org ON tracing_requests(organisation_id, created_at DESC);
CREATE INDEX tracing_requests_open ON tracing_requests(created_at) WHERE closed_at IS NULL;
ALTER TABLE tracing_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracing_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON tracing_requests AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY tracing_requests_own_read ON tracing_requests FOR SELECT TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()));
CREATE POLICY tracing_requests_own_insert ON tracing_requests FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND created_by = (SELECT refuge_user_id())
              AND answer_enc IS NULL AND closed_at IS NULL);
CREATE POLICY tracing_requests_own_update ON tracing_requests FOR UPDATE TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id())) WITH CHECK (organisation_id = (SELECT refuge_org_id()));
GRANT SELECT, INSERT (id, organisation_id, requester_kind, consent_basis, details_enc, created_by, created_at),
  UPDATE (closed_at) ON tracing_requests TO refuge_app;

CREATE TABLE tracing_proposals (
  id uuid PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES tracing_requests(id),
  survivor_id uuid NOT NULL REFERENCES survivors(id),
  holder_organisation_id uuid NOT NULL REFERENCES organisations(id),
  summary_enc text NOT NULL,
  match_weight double precision NOT NULL,
  match_probability double precision NOT NULL,
  levels jsonb NOT NULL,
  weights jsonb NOT NULL,
  settings_id text NOT NULL,
  settings_version integer NOT NULL,
  threshold double precision NOT NULL,
  state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'not_the_person', 'withheld', 'shared')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  UNIQUE (request_id, survivor_id)
);
CREATE INDEX tracing_proposals_holder ON tracing_proposals(holder_organisation_id, created_at DESC);
ALTER TABLE tracing_proposals ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracing_proposals FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON tracing_proposals AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY tracing_proposals_holder_read ON tracing_proposals FOR SELECT TO refuge_app
  USING (holder_organisation_id = (SELECT refuge_org_id()));
CREATE POLICY tracing_proposals_holder_decide ON tracing_proposals FOR UPDATE TO refuge_app
  USING (holder_organisation_id = (SELECT refuge_org_id()) AND state = 'proposed')
  WITH CHECK (holder_organisation_id = (SELECT refuge_org_id()) AND decided_by = (SELECT refuge_user_id()));
GRANT SELECT, UPDATE (state, decided_by, decided_at) ON tracing_proposals TO refuge_app;

-- The holder's answer to the requester, after deciding "shared": written into the request row it cannot read.
CREATE FUNCTION refuge_tracing_answer(p_proposal uuid, p_answer_enc text, p_at timestamptz) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  UPDATE public.tracing_requests r SET answer_enc = p_answer_enc, answered_at = p_at
    FROM public.tracing_proposals p
    WHERE p.id = p_proposal AND p.holder_organisation_id = public.refuge_org_id() AND p.state = 'shared'
      AND r.id = p.request_id AND r.closed_at IS NULL;
  RETURN FOUND;
END $$;
REVOKE ALL ON FUNCTION refuge_tracing_answer(uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_tracing_answer(uuid, text, timestamptz) TO refuge_app;

CREATE TABLE death_reports (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  context text NOT NULL CHECK (context IN ('in_compound', 'after_exit')),
  compound_id uuid REFERENCES compounds(id),
  survivor_id uuid REFERENCES survivors(id),
  day date NOT NULL,
  nationality text CHECK (nationality ~ '^[A-Z]{2}$'),
  details_enc text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX death_reports_org ON death_reports(organisation_id, day DESC);
ALTER TABLE death_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE death_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON death_reports AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY death_reports_own_read ON death_reports FOR SELECT TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()));
CREATE POLICY death_reports_own_insert ON death_reports FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND created_by = (SELECT refuge_user_id())
              AND (survivor_id IS NULL OR EXISTS (SELECT 1 FROM survivors s WHERE s.id = survivor_id
                                                    AND s.organisation_id = (SELECT refuge_org_id()))));
GRANT SELECT, INSERT ON death_reports TO refuge_app;
`;
