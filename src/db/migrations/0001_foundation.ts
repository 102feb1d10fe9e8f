/**
 * Foundation schema: organisations, users, memberships, permissions, sessions, rate limits,
 * background jobs, blobs, the hash-chained audit log, and the first survivor/case tables.
 *
 * Roles: the tables are owned by whoever runs migrations. Every request transaction switches to
 * `refuge_app` (SET LOCAL ROLE), which owns nothing, so row-level security applies to it.
 * Must stay within PostgreSQL 15 features (the server) while also running on PGlite (18).
 */
export const sql = /* sql */ `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'refuge_app') THEN
    CREATE ROLE refuge_app NOLOGIN;
  END IF;
END $$;

-- Actor context, set per transaction with set_config(..., true).
CREATE FUNCTION refuge_org_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('refuge.org_id', true), '')::uuid $$;
CREATE FUNCTION refuge_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('refuge.user_id', true), '')::uuid $$;

CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('embassy','ngo','shelter','clinic','international_org','monitor','coordination')),
  nationalities_served text[] NOT NULL DEFAULT '{}',
  city text,
  require_totp boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'en',
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_exempt boolean NOT NULL DEFAULT false,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  role text NOT NULL CHECK (role IN ('admin','caseworker','consular_officer','medic','analyst','viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, organisation_id, role)
);

CREATE TABLE permissions (
  role text NOT NULL,
  action text NOT NULL,
  resource text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('own','organisation','shared','all')),
  PRIMARY KEY (role, action, resource)
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid REFERENCES organisations(id),
  csrf_token text NOT NULL,
  second_factor_passed boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);

CREATE TABLE jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
  progress jsonb NOT NULL DEFAULT '{}',
  result jsonb,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_at timestamptz,
  organisation_id uuid REFERENCES organisations(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX jobs_claimable ON jobs(run_after) WHERE status = 'queued';

CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  content_type text NOT NULL,
  key_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Append-only, hash-chained audit log. hash = sha256(prev_hash || payload); payload is canonical JSON text.
CREATE TABLE audit_events (
  seq bigserial PRIMARY KEY,
  payload text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  organisation_id uuid,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text
);
CREATE INDEX audit_resource ON audit_events(resource_type, resource_id);
CREATE INDEX audit_org_at ON audit_events(organisation_id, at);

CREATE FUNCTION refuge_audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuge_audit_forbid_change();

-- The one way to append: serialised by a transaction-scoped advisory lock so the chain stays linear
-- across server processes. SECURITY DEFINER so refuge_app can append without INSERT rights.
CREATE FUNCTION refuge_audit_append(p_payload text, p_actor uuid, p_org uuid, p_action text, p_resource_type text, p_resource_id text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_prev text;
  v_seq bigint;
BEGIN
  PERFORM pg_advisory_xact_lock(7301001);
  SELECT hash INTO v_prev FROM audit_events ORDER BY seq DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  INSERT INTO audit_events(payload, prev_hash, hash, actor_user_id, organisation_id, action, resource_type, resource_id)
  VALUES (p_payload, v_prev, encode(sha256(convert_to(v_prev || p_payload, 'UTF8')), 'hex'),
          p_actor, p_org, p_action, p_resource_type, p_resource_id)
  RETURNING seq INTO v_seq;
  RETURN v_seq;
END $$;

-- Survivors and cases: the first organisation-scoped records. Identifying fields are encrypted by
-- the application (AES-256-GCM envelopes in *_enc columns); only coarse categories stay in clear
-- so that lists, triage and statistics can be computed in SQL.
CREATE TABLE survivors (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  registered_by uuid REFERENCES users(id),
  registered_at timestamptz NOT NULL DEFAULT now(),
  identity_enc text NOT NULL,
  location_enc text,
  sex text NOT NULL CHECK (sex IN ('female','male','other','unknown')),
  age_band text CHECK (age_band IN ('under_18','18_24','25_34','35_44','45_59','60_plus')),
  nationalities text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  document_status text NOT NULL CHECK (document_status IN ('held','confiscated','lost','never_had')),
  location_kind text NOT NULL DEFAULT 'unknown',
  location_organisation_id uuid REFERENCES organisations(id),
  compound_ref text,
  exit_mode text NOT NULL DEFAULT 'unknown' CHECK (exit_mode IN ('escaped','released','rescued','unknown')),
  exit_date date,
  consent_own_embassy boolean NOT NULL DEFAULT false,
  consent_organisation_ids uuid[] NOT NULL DEFAULT '{}',
  consent_statistics boolean NOT NULL DEFAULT false,
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX survivors_org ON survivors(organisation_id, registered_at DESC);
CREATE INDEX survivors_nationalities ON survivors USING gin(nationalities);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  survivor_id uuid NOT NULL REFERENCES survivors(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','assessed','assisting','awaiting_documents','awaiting_travel','repatriated','closed','lost_contact')),
  risk_level text NOT NULL DEFAULT 'medium' CHECK (risk_level IN ('low','medium','high','critical')),
  assigned_to uuid REFERENCES users(id),
  opened_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (survivor_id, organisation_id)
);
CREATE INDEX cases_org_status ON cases(organisation_id, status);

-- Alerts: something a person should look at. Organisation-scoped (casework: follow-ups, duplicates)
-- or, with organisation_id NULL, shared by every signed-in organisation (monitoring: compounds).
-- dedupe_key makes re-running a rule update the existing alert instead of adding another.
CREATE TABLE alerts (
  id uuid PRIMARY KEY,
  kind text NOT NULL,
  organisation_id uuid REFERENCES organisations(id),
  severity text NOT NULL CHECK (severity IN ('info','low','medium','high','urgent')),
  rank integer NOT NULL DEFAULT 0,
  title text NOT NULL,
  dedupe_key text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  details jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','dismissed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_by uuid REFERENCES users(id),
  acknowledged_at timestamptz,
  UNIQUE (dedupe_key)
);
CREATE INDEX alerts_org_open ON alerts(organisation_id, status, rank DESC);

-- Row-level security: refuge_app sees an organisation's own rows only. Later migrations widen
-- survivors/cases visibility for referrals and embassy scope with further policies.
ALTER TABLE survivors ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY alerts_visible ON alerts FOR ALL TO refuge_app
  USING (organisation_id IS NULL OR organisation_id = refuge_org_id())
  WITH CHECK (organisation_id IS NULL OR organisation_id = refuge_org_id());
CREATE POLICY audit_read_own_org ON audit_events FOR SELECT TO refuge_app USING (organisation_id = refuge_org_id());
CREATE POLICY survivors_own_org ON survivors FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());
CREATE POLICY cases_own_org ON cases FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());
CREATE POLICY jobs_own_org ON jobs FOR ALL TO refuge_app
  USING (organisation_id = refuge_org_id()) WITH CHECK (organisation_id = refuge_org_id());

GRANT USAGE ON SCHEMA public TO refuge_app;
GRANT SELECT ON organisations, memberships, permissions TO refuge_app;
GRANT SELECT (id, email, display_name, locale) ON users TO refuge_app;
GRANT SELECT, INSERT, UPDATE ON survivors, cases, jobs, alerts TO refuge_app;
GRANT SELECT ON blobs, audit_events TO refuge_app;
GRANT EXECUTE ON FUNCTION refuge_audit_append(text, uuid, uuid, text, text, text) TO refuge_app;
GRANT EXECUTE ON FUNCTION refuge_org_id(), refuge_user_id() TO refuge_app;
`;
