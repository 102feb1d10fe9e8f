/**
 * Matching in the product: proposed duplicate pairs of survivors with their provenance (model
 * settings id/version/threshold, weights and per-comparison levels — never names or other
 * identifying text), and cross-organisation link requests. A pair is stored once (survivor_a <
 * survivor_b). Proposals are written by the system (scoring needs both organisations' records);
 * organisations read them and record decisions under row-level security, seeing only pairs in
 * which they are one of the two organisations. PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
CREATE TABLE match_proposals (
  id uuid PRIMARY KEY,
  survivor_a uuid NOT NULL REFERENCES survivors(id),
  survivor_b uuid NOT NULL REFERENCES survivors(id),
  organisation_a uuid NOT NULL REFERENCES organisations(id),
  organisation_b uuid NOT NULL REFERENCES organisations(id),
  match_weight double precision NOT NULL,
  match_probability double precision NOT NULL,
  prior_weight double precision NOT NULL,
  -- Per comparison: level index (-1 = missing) and the weight it contributed, by comparison name.
  levels jsonb NOT NULL,
  weights jsonb NOT NULL,
  settings_id text NOT NULL,
  settings_version integer NOT NULL,
  threshold double precision NOT NULL,
  origin text NOT NULL CHECK (origin IN ('registration','batch','demo')),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed','confirmed','rejected','undone')),
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (survivor_a < survivor_b),
  UNIQUE (survivor_a, survivor_b)
);
CREATE INDEX match_proposals_org_a ON match_proposals(organisation_a, created_at DESC, id DESC);
CREATE INDEX match_proposals_org_b ON match_proposals(organisation_b, created_at DESC, id DESC);
CREATE INDEX match_proposals_survivor_b ON match_proposals(survivor_b);

-- A request from one organisation to the other to link (and share) a cross-organisation pair.
-- At most one open (requested or accepted) request per proposal; declined/revoked ones stay as history.
CREATE TABLE link_requests (
  id uuid PRIMARY KEY,
  proposal_id uuid NOT NULL REFERENCES match_proposals(id),
  requesting_organisation_id uuid NOT NULL REFERENCES organisations(id),
  target_organisation_id uuid NOT NULL REFERENCES organisations(id),
  state text NOT NULL DEFAULT 'requested' CHECK (state IN ('requested','accepted','declined','revoked')),
  reason text,
  requested_by uuid REFERENCES users(id),
  requested_at timestamptz NOT NULL,
  decided_by uuid REFERENCES users(id),
  decided_at timestamptz,
  CHECK (requesting_organisation_id <> target_organisation_id)
);
CREATE UNIQUE INDEX link_requests_open ON link_requests(proposal_id) WHERE state IN ('requested','accepted');
CREATE INDEX link_requests_proposal ON link_requests(proposal_id, requested_at DESC);

ALTER TABLE match_proposals ENABLE ROW LEVEL SECURITY;
ALTER TABLE link_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY match_proposals_party ON match_proposals FOR ALL TO refuge_app
  USING (organisation_a = refuge_org_id() OR organisation_b = refuge_org_id())
  WITH CHECK (organisation_a = refuge_org_id() OR organisation_b = refuge_org_id());
CREATE POLICY link_requests_party ON link_requests FOR ALL TO refuge_app
  USING (requesting_organisation_id = refuge_org_id() OR target_organisation_id = refuge_org_id())
  WITH CHECK (requesting_organisation_id = refuge_org_id() OR target_organisation_id = refuge_org_id());
GRANT SELECT, UPDATE ON match_proposals TO refuge_app;
GRANT SELECT, INSERT, UPDATE ON link_requests TO refuge_app;
`;
