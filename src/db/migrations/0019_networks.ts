/**
 * Networks (issue #16): FollowTheMoney entities — people, companies, wallets, sanctions — and the relations between
 * them kept as entities too (Ownership, Directorship, Family, Associate… with their own dates and sources), as the
 * FtM model and OpenSanctions do. `refs` lists every entity an entity points at (owner, asset, holder…), so the
 * relations of an entity are one indexed lookup. `seen` maps each dataset that holds the entity to the import that
 * last saw it: a new import of a dataset marks what it no longer contains as disappeared (never deleted).
 *
 * Entities are not survivors and never reference one. Who reads them: analysts and administrators (monitors and
 * coordination cells), not caseworkers — the permission matrix says so and row-level security enforces it.
 * `compound_entities` links a compound's operator/owner/landlord/protector to an entity.
 */
export const sql = /* sql */ `
CREATE FUNCTION refuge_reads_networks() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.user_id = refuge_user_id() AND m.organisation_id = refuge_org_id() AND m.role IN ('analyst','admin'))
$$;

CREATE TABLE entities (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 200),
  schema text NOT NULL,
  caption text NOT NULL,
  properties jsonb NOT NULL,
  datasets text[] NOT NULL DEFAULT '{}',
  refs text[] NOT NULL DEFAULT '{}',
  seen jsonb NOT NULL DEFAULT '{}',
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  disappeared_at timestamptz,
  created_by uuid REFERENCES users(id),
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX entities_refs ON entities USING gin(refs);
CREATE INDEX entities_datasets ON entities USING gin(datasets);
CREATE INDEX entities_schema ON entities(schema);

CREATE TABLE entity_imports (
  id uuid PRIMARY KEY,
  dataset text NOT NULL,
  source text NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','finished','failed')),
  checkpoint_line integer NOT NULL DEFAULT 0,
  imported integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  disappeared integer NOT NULL DEFAULT 0,
  problems jsonb NOT NULL DEFAULT '[]',
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  created_by uuid REFERENCES users(id),
  is_demo boolean NOT NULL DEFAULT false
);
CREATE INDEX entity_imports_dataset ON entity_imports(dataset, started_at DESC);

CREATE TABLE compound_entities (
  compound_id uuid NOT NULL REFERENCES compounds(id),
  entity_id text NOT NULL REFERENCES entities(id),
  role text NOT NULL CHECK (role IN ('operator','owner','landlord','security','unknown')),
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users(id),
  is_demo boolean NOT NULL DEFAULT false,
  PRIMARY KEY (compound_id, entity_id, role)
);
CREATE INDEX compound_entities_entity ON compound_entities(entity_id);

ALTER TABLE entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE entities FORCE ROW LEVEL SECURITY;
ALTER TABLE entity_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE entity_imports FORCE ROW LEVEL SECURITY;
ALTER TABLE compound_entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE compound_entities FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON entities AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY refuge_signed_in ON entity_imports AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY refuge_signed_in ON compound_entities AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY entities_networks ON entities FOR ALL TO refuge_app
  USING ((SELECT refuge_reads_networks())) WITH CHECK ((SELECT refuge_reads_networks()));
CREATE POLICY entity_imports_networks ON entity_imports FOR ALL TO refuge_app
  USING ((SELECT refuge_reads_networks())) WITH CHECK ((SELECT refuge_reads_networks()));
CREATE POLICY compound_entities_networks ON compound_entities FOR ALL TO refuge_app
  USING ((SELECT refuge_reads_networks())) WITH CHECK ((SELECT refuge_reads_networks()));

GRANT SELECT, INSERT, UPDATE ON entities, entity_imports, compound_entities TO refuge_app;
GRANT EXECUTE ON FUNCTION refuge_reads_networks() TO refuge_app;
`;
