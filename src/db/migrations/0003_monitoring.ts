/**
 * Monitoring: compounds, evidence (with its chain-of-custody log) and events at compounds.
 * GeoJSON is kept in jsonb (no PostGIS); a geolocated point is also kept as two doubles so the
 * map can read thousands of points cheaply. Nothing here is ever deleted: rows are retracted
 * with a reason, and DELETE is neither granted nor allowed by trigger.
 *
 * Visibility: monitoring data is shared by every signed-in organisation, except testimony and
 * evidence marked sensitive/restricted, which only analysts and admins of monitor organisations
 * may read (checked by the service, and again here by row-level security).
 */
export const sql = /* sql */ `
CREATE TABLE compounds (
  id uuid PRIMARY KEY,
  names jsonb NOT NULL,
  aliases text[] NOT NULL DEFAULT '{}',
  search_text text NOT NULL DEFAULT '',
  province text,
  district text,
  point jsonb,
  footprint jsonb,
  operators jsonb NOT NULL DEFAULT '[]',
  notes text,
  external_ref text UNIQUE,
  status text NOT NULL DEFAULT 'unknown' CHECK (status IN ('operating','raided','mass_exit','emptied','relocated','reactivated','unknown')),
  status_since date,
  status_confidence double precision,
  timeline jsonb NOT NULL DEFAULT '[]',
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX compounds_status ON compounds(status);
CREATE INDEX compounds_province ON compounds(province);

CREATE TABLE evidence (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('video','photo','satellite','article','testimony','social_post','official_statement')),
  title text,
  description text,
  testimony_enc text,
  organisation_id uuid REFERENCES organisations(id),
  sha256 text REFERENCES blobs(sha256),
  content_type text,
  size_bytes bigint,
  display_name text,
  file_name_findings text[] NOT NULL DEFAULT '{}',
  metadata jsonb NOT NULL DEFAULT '{}',
  thumbnail_sha256 text REFERENCES blobs(sha256),
  perceptual_hash text,
  duplicate_of uuid REFERENCES evidence(id),
  source_publisher text,
  source_url text,
  source_original_sha256 text,
  acquired_from text,
  acquired_at timestamptz NOT NULL,
  acquired_by uuid REFERENCES users(id),
  claimed_captured_at timestamptz,
  claimed_place_text text,
  claimed_point jsonb,
  verified_captured_at timestamptz,
  verified_captured_at_method text,
  geolocation jsonb,
  lon double precision,
  lat double precision,
  map_day date,
  verification_state text NOT NULL DEFAULT 'unverified' CHECK (verification_state IN ('unverified','geolocated','corroborated','verified','disputed')),
  verification_history jsonb NOT NULL DEFAULT '[]',
  sensitivity text NOT NULL CHECK (sensitivity IN ('public','internal','sensitive','restricted')),
  compound_id uuid REFERENCES compounds(id),
  proposed_compound jsonb,
  retracted_at timestamptz,
  retracted_by uuid REFERENCES users(id),
  retracted_reason text,
  custody_head text,
  custody_seq integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  is_demo boolean NOT NULL DEFAULT false,
  CHECK (kind <> 'testimony' OR sensitivity IN ('sensitive','restricted'))
);
CREATE INDEX evidence_sha ON evidence(sha256);
CREATE INDEX evidence_compound ON evidence(compound_id, created_at DESC);
CREATE INDEX evidence_created ON evidence(created_at DESC, id DESC);
CREATE INDEX evidence_phash ON evidence(perceptual_hash) WHERE perceptual_hash IS NOT NULL;

-- Chain of custody: append-only and hash-chained per evidence item (core custody-log).
CREATE TABLE evidence_custody (
  evidence_id uuid NOT NULL REFERENCES evidence(id),
  seq integer NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('ingested','accessed','exported','annotated','verification','retracted','linked')),
  at text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  previous_hash text,
  hash text NOT NULL,
  PRIMARY KEY (evidence_id, seq)
);

CREATE TABLE compound_events (
  id uuid PRIMARY KEY,
  compound_id uuid NOT NULL REFERENCES compounds(id),
  kind text NOT NULL CHECK (kind IN ('operating','mass_exit','raid','rescue','arrest','relocation','reactivation','construction','abuse','death')),
  date date NOT NULL,
  date_end date,
  counts jsonb NOT NULL DEFAULT '{}',
  nationalities text[] NOT NULL DEFAULT '{}',
  confidence double precision NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  evidence_ids uuid[] NOT NULL DEFAULT '{}',
  states_emptied boolean NOT NULL DEFAULT false,
  relocated_to uuid REFERENCES compounds(id),
  description text,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  retracted_at timestamptz,
  retracted_by uuid REFERENCES users(id),
  retracted_reason text,
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX compound_events_compound ON compound_events(compound_id, date);
CREATE INDEX compound_events_evidence ON compound_events USING gin(evidence_ids);

CREATE FUNCTION refuge_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never deleted; retract them with a reason', TG_TABLE_NAME;
END $$;
CREATE FUNCTION refuge_custody_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'evidence_custody is append-only';
END $$;
CREATE TRIGGER compounds_no_delete BEFORE DELETE ON compounds FOR EACH ROW EXECUTE FUNCTION refuge_forbid_delete();
CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence FOR EACH ROW EXECUTE FUNCTION refuge_forbid_delete();
CREATE TRIGGER compound_events_no_delete BEFORE DELETE ON compound_events FOR EACH ROW EXECUTE FUNCTION refuge_forbid_delete();
CREATE TRIGGER evidence_custody_append_only BEFORE UPDATE OR DELETE ON evidence_custody FOR EACH ROW EXECUTE FUNCTION refuge_custody_append_only();

-- Whether the acting user may read testimony and sensitive evidence: analyst or admin of a monitor organisation.
CREATE FUNCTION refuge_reads_sensitive_evidence() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM memberships m JOIN organisations o ON o.id = m.organisation_id
    WHERE m.user_id = refuge_user_id() AND m.organisation_id = refuge_org_id()
      AND m.role IN ('analyst','admin') AND o.kind = 'monitor')
$$;

ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY evidence_read ON evidence FOR SELECT TO refuge_app
  USING ((kind <> 'testimony' AND sensitivity IN ('public','internal')) OR refuge_reads_sensitive_evidence());
CREATE POLICY evidence_insert ON evidence FOR INSERT TO refuge_app
  WITH CHECK ((kind <> 'testimony' AND sensitivity IN ('public','internal')) OR refuge_reads_sensitive_evidence());
CREATE POLICY evidence_update ON evidence FOR UPDATE TO refuge_app
  USING ((kind <> 'testimony' AND sensitivity IN ('public','internal')) OR refuge_reads_sensitive_evidence());

GRANT SELECT, INSERT, UPDATE ON compounds, evidence, compound_events TO refuge_app;
GRANT SELECT, INSERT ON evidence_custody TO refuge_app;
-- Evidence uploads store their originals and working copies through storeFile as the actor.
GRANT INSERT ON blobs TO refuge_app;
GRANT EXECUTE ON FUNCTION refuge_reads_sensitive_evidence() TO refuge_app;
`;
