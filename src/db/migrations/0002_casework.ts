/**
 * Casework: consent versions, case timeline, notes, attachments, screenings, needs (with the triage
 * board's sort keys stored as columns so one index serves the board), referrals, consular records
 * and follow-ups. Row-level security widens survivors/cases for embassies (consenting nationals
 * they serve) and never for referral receivers: they see a referral's own presented snapshot.
 * PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
-- The acting organisation's kind and served nationalities, for policies. SECURITY DEFINER and
-- STABLE so a policy evaluates them once per statement instead of joining organisations per row.
CREATE FUNCTION refuge_org_kind() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT kind FROM organisations WHERE id = refuge_org_id() $$;
CREATE FUNCTION refuge_org_served() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
  $$ SELECT coalesce((SELECT nationalities_served FROM organisations WHERE id = refuge_org_id() AND kind = 'embassy'), '{}'::text[]) $$;
GRANT EXECUTE ON FUNCTION refuge_org_kind(), refuge_org_served() TO refuge_app;

ALTER TABLE survivors ADD COLUMN consent_version integer NOT NULL DEFAULT 0;

-- Embassy scope: a survivor who holds a nationality the embassy serves AND consented to share
-- with their own embassy (core/consent embassyMaySee). Read and update only; never insert.
CREATE POLICY survivors_embassy_read ON survivors FOR SELECT TO refuge_app
  USING (consent_own_embassy AND nationalities && refuge_org_served());
CREATE POLICY cases_embassy_read ON cases FOR SELECT TO refuge_app
  USING (EXISTS (SELECT 1 FROM survivors s WHERE s.id = cases.survivor_id AND s.consent_own_embassy AND s.nationalities && refuge_org_served()));
-- An embassy moves a case along the consular steps (awaiting_travel, repatriated); the service checks the transition.
CREATE POLICY cases_embassy_update ON cases FOR UPDATE TO refuge_app
  USING (EXISTS (SELECT 1 FROM survivors s WHERE s.id = cases.survivor_id AND s.consent_own_embassy AND s.nationalities && refuge_org_served()))
  WITH CHECK (EXISTS (SELECT 1 FROM survivors s WHERE s.id = cases.survivor_id AND s.consent_own_embassy AND s.nationalities && refuge_org_served()));

CREATE TABLE consent_versions (
  survivor_id uuid NOT NULL REFERENCES survivors(id),
  version integer NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  recorded_by uuid REFERENCES users(id),
  at timestamptz NOT NULL,
  method text NOT NULL CHECK (method IN ('verbal','written','digital','guardian')),
  share_with_own_embassy boolean NOT NULL,
  share_with_organisation_ids uuid[] NOT NULL,
  use_in_statistics boolean NOT NULL,
  changes jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (survivor_id, version)
);

-- Everything that happened to a case, newest first on read. Written by every casework action.
CREATE TABLE case_events (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  organisation_id uuid REFERENCES organisations(id),
  actor_user_id uuid REFERENCES users(id),
  at timestamptz NOT NULL,
  kind text NOT NULL,
  summary text NOT NULL
);
CREATE INDEX case_events_case_at ON case_events(case_id, at DESC, id);

CREATE TABLE case_notes (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  author_id uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  body_enc text NOT NULL
);
CREATE INDEX case_notes_case ON case_notes(case_id, created_at DESC);

CREATE TABLE case_attachments (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  sha256 text NOT NULL REFERENCES blobs(sha256),
  size bigint NOT NULL,
  content_type text NOT NULL,
  file_name_enc text NOT NULL,
  uploaded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments(case_id, created_at DESC);

CREATE TABLE screenings (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  answers jsonb NOT NULL,
  notes_enc text,
  outcome text NOT NULL CHECK (outcome IN ('presumed_victim','possible_victim','insufficient_information')),
  rule_version text NOT NULL,
  rules_met jsonb NOT NULL DEFAULT '[]',
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX screenings_case ON screenings(case_id, recorded_at DESC);

-- Needs carry copies of what the board filters and sorts on (survivor age band, nationalities,
-- location kind; case risk) and the two computed sort keys of core/triage TRIAGE_SORT_KEYS, so
-- the board is one index scan. The service keeps the copies current when a case or survivor changes.
CREATE TABLE needs (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('medical_urgent','medical','psychosocial','shelter','food','travel_document','consular','legal','repatriation','family_contact')),
  priority text NOT NULL CHECK (priority IN ('urgent','high','normal','low')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','in_progress','met','cancelled')),
  note_enc text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  urgency_tier smallint NOT NULL,
  effective_priority smallint NOT NULL,
  age_band text,
  nationalities text[] NOT NULL DEFAULT '{}',
  location_kind text NOT NULL DEFAULT 'unknown',
  case_risk text NOT NULL
);
CREATE INDEX needs_case ON needs(case_id);
CREATE INDEX needs_board ON needs(organisation_id, urgency_tier, effective_priority, created_at, id) WHERE status IN ('open','in_progress');
-- For selective filters (a rare need kind or nationality) the planner can fetch the few matching
-- rows and sort them, instead of walking the whole board in order and discarding most of it.
CREATE INDEX needs_board_kind ON needs(organisation_id, kind, urgency_tier, effective_priority, created_at, id) WHERE status IN ('open','in_progress');
CREATE INDEX needs_open_nationalities ON needs USING gin(nationalities) WHERE status IN ('open','in_progress');

CREATE TABLE referrals (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  survivor_id uuid NOT NULL REFERENCES survivors(id),
  from_organisation_id uuid NOT NULL REFERENCES organisations(id),
  to_organisation_id uuid NOT NULL REFERENCES organisations(id),
  need_ids uuid[] NOT NULL DEFAULT '{}',
  state text NOT NULL DEFAULT 'sent' CHECK (state IN ('sent','accepted','declined','completed','revoked')),
  consent_basis text NOT NULL CHECK (consent_basis IN ('named_organisation','own_embassy','override')),
  share_contact_channel text,
  -- What the receiver is shown (core/referrals presentForReferral), encrypted; it never reads the survivor row.
  view_enc text NOT NULL,
  state_reason text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (from_organisation_id <> to_organisation_id)
);
CREATE INDEX referrals_to ON referrals(to_organisation_id, created_at DESC, id);
CREATE INDEX referrals_from ON referrals(from_organisation_id, created_at DESC, id);
CREATE INDEX referrals_survivor ON referrals(survivor_id);

CREATE TABLE consular_records (
  id uuid NOT NULL UNIQUE,
  case_id uuid NOT NULL REFERENCES cases(id),
  embassy_organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_organisation_id uuid NOT NULL REFERENCES organisations(id),
  emergency_document_status text NOT NULL DEFAULT 'not_requested' CHECK (emergency_document_status IN ('not_requested','requested','issued','rejected')),
  emergency_document_number_enc text,
  emergency_document_issued_at timestamptz,
  exit_clearance text NOT NULL DEFAULT 'pending' CHECK (exit_clearance IN ('not_needed','pending','paid','waived')),
  flight_date date,
  flight_number text,
  repatriated_at timestamptz,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, embassy_organisation_id)
);

CREATE TABLE follow_ups (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  due_at timestamptz NOT NULL,
  completed_at timestamptz,
  outcome text CHECK (outcome IN ('reached','no_answer','lost_contact','seen_in_compound')),
  note_enc text,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX follow_ups_case ON follow_ups(case_id, due_at);
CREATE INDEX follow_ups_open_due ON follow_ups(organisation_id, due_at, id) WHERE completed_at IS NULL;

-- Risk when the survivor was last reached, so re-evaluating follow-ups does not raise twice.
ALTER TABLE cases ADD COLUMN risk_at_last_contact text CHECK (risk_at_last_contact IN ('low','medium','high','critical'));
CREATE INDEX cases_org_opened ON cases(organisation_id, opened_at DESC, id);
CREATE INDEX cases_survivor ON cases(survivor_id);

ALTER TABLE consent_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_attachments ENABLE ROW LEVEL SECURITY;
ALTER TABLE screenings ENABLE ROW LEVEL SECURITY;
ALTER TABLE needs ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE consular_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE follow_ups ENABLE ROW LEVEL SECURITY;

CREATE POLICY consent_versions_by_survivor ON consent_versions FOR ALL TO refuge_app
  USING (EXISTS (SELECT 1 FROM survivors s WHERE s.id = consent_versions.survivor_id AND s.organisation_id = refuge_org_id()))
  WITH CHECK (organisation_id = refuge_org_id());
-- A case's timeline is visible wherever the case is (owner, or the embassy of a consenting national).
CREATE POLICY case_events_by_case ON case_events FOR SELECT TO refuge_app
  USING (EXISTS (SELECT 1 FROM cases c WHERE c.id = case_events.case_id));
CREATE POLICY case_events_write ON case_events FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = refuge_org_id() AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_events.case_id));
CREATE POLICY case_notes_own_org ON case_notes FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());
CREATE POLICY case_attachments_own_org ON case_attachments FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());
CREATE POLICY screenings_own_org ON screenings FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());
CREATE POLICY needs_own_org ON needs FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());
CREATE POLICY referrals_parties ON referrals FOR SELECT TO refuge_app
  USING (from_organisation_id = refuge_org_id() OR to_organisation_id = refuge_org_id());
CREATE POLICY referrals_send ON referrals FOR INSERT TO refuge_app WITH CHECK (from_organisation_id = refuge_org_id());
CREATE POLICY referrals_update ON referrals FOR UPDATE TO refuge_app
  USING (from_organisation_id = refuge_org_id() OR to_organisation_id = refuge_org_id())
  WITH CHECK (from_organisation_id = refuge_org_id() OR to_organisation_id = refuge_org_id());
CREATE POLICY consular_records_parties ON consular_records FOR SELECT TO refuge_app
  USING (embassy_organisation_id = refuge_org_id() OR case_organisation_id = refuge_org_id());
CREATE POLICY consular_records_embassy_write ON consular_records FOR INSERT TO refuge_app WITH CHECK (embassy_organisation_id = refuge_org_id());
CREATE POLICY consular_records_embassy_update ON consular_records FOR UPDATE TO refuge_app
  USING (embassy_organisation_id = refuge_org_id()) WITH CHECK (embassy_organisation_id = refuge_org_id());
CREATE POLICY follow_ups_own_org ON follow_ups FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());

GRANT SELECT, INSERT ON consent_versions, case_events, case_notes, case_attachments, screenings TO refuge_app;
GRANT SELECT, INSERT, UPDATE ON needs, referrals, consular_records, follow_ups TO refuge_app;
GRANT INSERT ON blobs TO refuge_app;
`;
