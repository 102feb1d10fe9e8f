/**
 * Issue #10, the exit-day response across organisations (first three parts).
 *
 * 1. The care a referral receiver gives, through curated database functions and never shared rows: a clinic or
 *    shelter reads a referral's needs as (id, kind, priority, status) only, moves them to in_progress or met only
 *    while the referral is accepted (or, to close them, completed) and not frozen, and writes referral_updated /
 *    need_updated lines (no free text) to the sender's case timeline. Each function checks that the acting
 *    organisation (from the session, refuge_org_id()) is the referral's receiver; anyone else gets nothing. The
 *    receiver still cannot select a case, survivor or need row (needs_own_org and cases_own_org are unchanged).
 * 2. Consular coverage per nationality: consular_coverage names, for a nationality without a resident embassy, the
 *    organisations covering it (non-resident accreditation from a neighbouring capital, honorary consul, an
 *    international organisation as fallback); refuge_org_served() now returns the nationalities the acting
 *    organisation covers after resolution (core/consular/coverage resolveCoverage, the same rule), for any kind.
 *    Consent per nationality: survivors.consent_embassy_nationalities (null = all of theirs) narrows the embassy
 *    policies, recorded per version in consent_versions.embassy_nationalities.
 * 3. Capacity: one row per shelter or clinic, written by that organisation only, read by every signed-in
 *    organisation (it is about organisations, not people). survivors.protection_flags holds core/triage protection
 *    flags (own organisation only; never disclosed across a boundary).
 * PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
-- ---------- 1. The receiver's care ----------
CREATE FUNCTION refuge_referred_needs(p_referral uuid) RETURNS TABLE (id uuid, kind text, priority text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT n.id, n.kind, n.priority, n.status
  FROM public.referrals r JOIN public.needs n ON n.case_id = r.case_id AND n.id = ANY (r.need_ids)
  WHERE r.id = p_referral AND r.to_organisation_id = public.refuge_org_id() AND r.frozen_at IS NULL
    AND r.state IN ('sent', 'accepted', 'completed')
  ORDER BY array_position(r.need_ids, n.id)
$$;
REVOKE ALL ON FUNCTION refuge_referred_needs(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_referred_needs(uuid) TO refuge_app;

-- Returns the need's kind when the move was made, null otherwise (not the receiver, not referred, wrong state).
CREATE FUNCTION refuge_receiver_set_need(p_referral uuid, p_need uuid, p_status text, p_at timestamptz) RETURNS text
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  UPDATE public.needs n SET status = p_status, updated_at = p_at
  FROM public.referrals r
  WHERE r.id = p_referral AND r.to_organisation_id = public.refuge_org_id() AND r.frozen_at IS NULL
    AND (r.state = 'accepted' OR (r.state = 'completed' AND p_status = 'met'))
    AND n.id = p_need AND n.case_id = r.case_id AND n.id = ANY (r.need_ids)
    AND n.status IN ('open', 'in_progress') AND n.status <> p_status AND p_status IN ('in_progress', 'met')
  RETURNING n.kind
$$;
REVOKE ALL ON FUNCTION refuge_receiver_set_need(uuid, uuid, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_receiver_set_need(uuid, uuid, text, timestamptz) TO refuge_app;

-- A timeline line on the sender's case, written by the receiver: structured, without free text.
CREATE FUNCTION refuge_receiver_case_event(p_referral uuid, p_id uuid, p_kind text, p_params jsonb, p_at timestamptz) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  IF p_kind NOT IN ('referral_updated', 'need_updated') THEN RETURN false; END IF;
  INSERT INTO public.case_events (id, case_id, organisation_id, actor_user_id, at, kind, params)
    SELECT p_id, r.case_id, r.to_organisation_id, public.refuge_user_id(), p_at, p_kind, p_params
    FROM public.referrals r
    WHERE r.id = p_referral AND r.to_organisation_id = public.refuge_org_id();
  RETURN FOUND;
END $$;
REVOKE ALL ON FUNCTION refuge_receiver_case_event(uuid, uuid, text, jsonb, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_receiver_case_event(uuid, uuid, text, jsonb, timestamptz) TO refuge_app;

-- ---------- 2. Consular coverage and consent per nationality ----------
CREATE TABLE consular_coverage (
  nationality text NOT NULL CHECK (nationality ~ '^[A-Z]{2}$'),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  mode text NOT NULL CHECK (mode IN ('non_resident', 'honorary', 'international_org')),
  seat text,
  rank smallint NOT NULL DEFAULT 0,
  is_demo boolean NOT NULL DEFAULT false,
  PRIMARY KEY (nationality, organisation_id)
);
CREATE INDEX consular_coverage_org ON consular_coverage(organisation_id);
ALTER TABLE consular_coverage ENABLE ROW LEVEL SECURITY;
ALTER TABLE consular_coverage FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON consular_coverage AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
-- About organisations: every signed-in organisation reads it; it is written by the operator (system), not by requests.
CREATE POLICY consular_coverage_read ON consular_coverage FOR SELECT TO refuge_app USING (true);
GRANT SELECT ON consular_coverage TO refuge_app;

ALTER TABLE survivors ADD COLUMN consent_embassy_nationalities text[];
ALTER TABLE consent_versions ADD COLUMN embassy_nationalities text[];

-- The nationalities the acting organisation covers: a resident embassy's own (those no coverage row of its own
-- describes otherwise), and each nationality without a resident embassy whose best coverage row (mode order, rank,
-- organisation id) is this organisation's.
CREATE OR REPLACE FUNCTION refuge_org_served() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
  SELECT coalesce(array_agg(DISTINCT n ORDER BY n), '{}'::text[]) FROM (
    SELECT r.n FROM (SELECT upper(unnest(o.nationalities_served)) AS n FROM public.organisations o
                       WHERE o.id = public.refuge_org_id() AND o.kind = 'embassy') r
      WHERE NOT EXISTS (SELECT 1 FROM public.consular_coverage own
                          WHERE own.organisation_id = public.refuge_org_id() AND own.nationality = r.n)
    UNION
    SELECT cc.nationality FROM public.consular_coverage cc
      WHERE cc.organisation_id = public.refuge_org_id()
        AND NOT EXISTS (SELECT 1 FROM public.organisations e WHERE e.kind = 'embassy'
                          AND cc.nationality = ANY (SELECT upper(x) FROM unnest(e.nationalities_served) x)
                          AND NOT EXISTS (SELECT 1 FROM public.consular_coverage er
                                            WHERE er.organisation_id = e.id AND er.nationality = cc.nationality))
        AND NOT EXISTS (SELECT 1 FROM public.consular_coverage b WHERE b.nationality = cc.nationality
                          AND (array_position(ARRAY['non_resident','honorary','international_org'], b.mode), b.rank, b.organisation_id::text)
                            < (array_position(ARRAY['non_resident','honorary','international_org'], cc.mode), cc.rank, cc.organisation_id::text))
  ) s
$$;

DROP POLICY survivors_embassy_read ON survivors;
CREATE POLICY survivors_embassy_read ON survivors FOR SELECT TO refuge_app
  USING (consent_own_embassy AND coalesce(consent_embassy_nationalities, nationalities) && nationalities
         AND coalesce(consent_embassy_nationalities, nationalities) && (SELECT refuge_org_served()));
DROP POLICY cases_embassy_read ON cases;
CREATE POLICY cases_embassy_read ON cases FOR SELECT TO refuge_app
  USING (EXISTS (SELECT 1 FROM survivors s WHERE s.id = cases.survivor_id AND s.consent_own_embassy
                 AND coalesce(s.consent_embassy_nationalities, s.nationalities) && s.nationalities
                 AND coalesce(s.consent_embassy_nationalities, s.nationalities) && (SELECT refuge_org_served())));
DROP POLICY cases_embassy_update ON cases;
CREATE POLICY cases_embassy_update ON cases FOR UPDATE TO refuge_app
  USING (EXISTS (SELECT 1 FROM survivors s WHERE s.id = cases.survivor_id AND s.consent_own_embassy
                 AND coalesce(s.consent_embassy_nationalities, s.nationalities) && s.nationalities
                 AND coalesce(s.consent_embassy_nationalities, s.nationalities) && (SELECT refuge_org_served())))
  WITH CHECK (EXISTS (SELECT 1 FROM survivors s WHERE s.id = cases.survivor_id AND s.consent_own_embassy
                 AND coalesce(s.consent_embassy_nationalities, s.nationalities) && s.nationalities
                 AND coalesce(s.consent_embassy_nationalities, s.nationalities) && (SELECT refuge_org_served())));

-- ---------- 3. Capacity and protection flags ----------
CREATE TABLE capacity (
  organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
  beds jsonb NOT NULL DEFAULT '[]',
  services text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users(id),
  is_demo boolean NOT NULL DEFAULT false
);
ALTER TABLE capacity ENABLE ROW LEVEL SECURITY;
ALTER TABLE capacity FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON capacity AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY capacity_read ON capacity FOR SELECT TO refuge_app USING (true);
CREATE POLICY capacity_publish ON capacity FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND (SELECT refuge_org_kind()) IN ('shelter', 'clinic'));
CREATE POLICY capacity_update ON capacity FOR UPDATE TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()))
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND (SELECT refuge_org_kind()) IN ('shelter', 'clinic'));
GRANT SELECT, INSERT, UPDATE ON capacity TO refuge_app;

ALTER TABLE survivors ADD COLUMN protection_flags text[] NOT NULL DEFAULT '{}';
`;
