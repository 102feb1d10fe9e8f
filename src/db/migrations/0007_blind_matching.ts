/**
 * Blind cross-organisation matching (issue #8 §1, core/matching/blind.ts and reveal.ts).
 *
 * - A consent flag of its own, versioned like the others: consent_versions.cross_organisation_matching,
 *   copied onto survivors.consent_cross_org_matching (what matching reads). Existing records get
 *   FALSE: the safer default — a survivor must opt in before another organisation's registration can
 *   be compared with their record.
 * - match_proposals.holder_survivor_id: for a pair across organisations, the record whose
 *   organisation is asked (the earlier registration); NULL within one organisation. Existing
 *   cross-organisation pairs get the earlier registration as holder.
 * - Row-level security no longer shows a cross-organisation pair (nor its link request, which names
 *   the holder's organisation) to the seeker's organisation — unless the holder accepted the link and
 *   the holder's survivor's consent covers the seeker (refuge_match_revealed, SECURITY DEFINER because
 *   it reads the holder's survivor, which the seeker's row-level security hides; it mirrors
 *   core/matching/reveal.ts consentAllows).
 * - matching_candidates: every cross-organisation candidate (proposed or not), with the account whose
 *   registration produced it — the system's own record for the audit and the probing rule. Only the
 *   system reads or writes it: no grant and no policy for refuge_app.
 * PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
ALTER TABLE consent_versions ADD COLUMN cross_organisation_matching boolean NOT NULL DEFAULT false;
ALTER TABLE survivors ADD COLUMN consent_cross_org_matching boolean NOT NULL DEFAULT false;

ALTER TABLE match_proposals ADD COLUMN holder_survivor_id uuid REFERENCES survivors(id);
ALTER TABLE match_proposals ADD CONSTRAINT match_proposals_holder_side
  CHECK ((organisation_a = organisation_b AND holder_survivor_id IS NULL)
      OR (organisation_a <> organisation_b AND holder_survivor_id IN (survivor_a, survivor_b)));
UPDATE match_proposals p SET holder_survivor_id = CASE
    WHEN (sa.registered_at, sa.id) <= (sb.registered_at, sb.id) THEN p.survivor_a ELSE p.survivor_b END
  FROM survivors sa, survivors sb
  WHERE p.organisation_a <> p.organisation_b AND sa.id = p.survivor_a AND sb.id = p.survivor_b;

-- The seeker's organisation may see a cross-organisation pair once the holder accepted its link and
-- the holder's survivor's current consent covers it (by name, or as the embassy of a nationality).
CREATE FUNCTION refuge_match_revealed(pid uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM match_proposals p
      JOIN survivors h ON h.id = p.holder_survivor_id
    WHERE p.id = pid
      AND h.organisation_id <> (SELECT refuge_org_id())
      AND (SELECT refuge_org_id()) IN (p.organisation_a, p.organisation_b)
      AND EXISTS (SELECT 1 FROM link_requests l WHERE l.proposal_id = p.id AND l.state = 'accepted')
      AND ((SELECT refuge_org_id()) = ANY (h.consent_organisation_ids) OR (h.consent_own_embassy AND h.nationalities && (SELECT refuge_org_served())))
  ) $$;
GRANT EXECUTE ON FUNCTION refuge_match_revealed(uuid) TO refuge_app;

DROP POLICY match_proposals_party ON match_proposals;
CREATE POLICY match_proposals_party ON match_proposals FOR ALL TO refuge_app
  USING (
    (organisation_a = organisation_b AND organisation_a = (SELECT refuge_org_id()))
    OR (holder_survivor_id = survivor_a AND organisation_a = (SELECT refuge_org_id()))
    OR (holder_survivor_id = survivor_b AND organisation_b = (SELECT refuge_org_id()))
    OR refuge_match_revealed(id))
  WITH CHECK (
    (organisation_a = organisation_b AND organisation_a = (SELECT refuge_org_id()))
    OR (holder_survivor_id = survivor_a AND organisation_a = (SELECT refuge_org_id()))
    OR (holder_survivor_id = survivor_b AND organisation_b = (SELECT refuge_org_id())));
-- Link requests are now raised by the system on the seeker's behalf and decided by the holder (target).
DROP POLICY link_requests_party ON link_requests;
CREATE POLICY link_requests_party ON link_requests FOR ALL TO refuge_app
  USING (target_organisation_id = (SELECT refuge_org_id()) OR (requesting_organisation_id = (SELECT refuge_org_id()) AND refuge_match_revealed(proposal_id)))
  WITH CHECK (target_organisation_id = (SELECT refuge_org_id()));
REVOKE INSERT ON link_requests FROM refuge_app;

CREATE TABLE matching_candidates (
  id uuid PRIMARY KEY,
  seeker_survivor_id uuid NOT NULL REFERENCES survivors(id),
  holder_survivor_id uuid NOT NULL REFERENCES survivors(id),
  seeker_organisation_id uuid NOT NULL REFERENCES organisations(id),
  holder_organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- The account that registered the seeker's record (NULL for imported or demo rows).
  account_id uuid REFERENCES users(id),
  proposal_id uuid REFERENCES match_proposals(id),
  proposed boolean NOT NULL,
  found_at timestamptz NOT NULL,
  UNIQUE (seeker_survivor_id, holder_survivor_id),
  CHECK (seeker_organisation_id <> holder_organisation_id)
);
CREATE INDEX matching_candidates_account ON matching_candidates(account_id, found_at);
ALTER TABLE matching_candidates ENABLE ROW LEVEL SECURITY;
ALTER TABLE matching_candidates FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON matching_candidates AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
`;
