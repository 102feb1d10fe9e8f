/**
 * Database trust: row-level security that does not trust the application (issue #8 §4).
 *
 * Before: policies read current_setting('refuge.org_id'), which the request role could set itself.
 * Now the acting user and organisation are derived inside SQL from the raw session token that the
 * transaction carries (set_config('refuge.session_token', …, true)): refuge_session_actor() hashes it
 * and looks it up in `sessions`, which refuge_app can neither read nor write, checking the database's
 * own expiry clock, membership and the second factor. A forged token finds nothing; a forged
 * refuge.org_id is no longer read at all.
 *
 * Policies call these functions as scalar subqueries, (SELECT refuge_org_id()), so the lookup runs
 * once per statement (an InitPlan), not once per row: every existing policy is rewritten that way.
 *
 * Every table with row-level security gets FORCE ROW LEVEL SECURITY and a restrictive policy that
 * needs a valid session, and evidence_custody gets row-level security. The schema owner must be
 * superuser or have BYPASSRLS for its system work (asSystem); this migration refuses otherwise.
 *
 * refuge_app itself: no superuser, no BYPASSRLS, NOINHERIT, member of no role (so it cannot SET ROLE
 * to the owner). LOGIN and its password are set by the server at start (ensureRequestRole), not here.
 */
export const sql = /* sql */ `
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'the role running migrations (%) owns every table and its system work runs under FORCE ROW LEVEL SECURITY: it must be superuser or have BYPASSRLS (ALTER ROLE % BYPASSRLS)', current_user, current_user;
  END IF;
END $$;

-- The request role can become nobody else and bypass nothing. Roles are shared by every database
-- of a server, so only change what differs (concurrent ALTERs of one role can fail).
DO $$
DECLARE r record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'refuge_app' AND (rolsuper OR rolbypassrls OR rolinherit OR rolcreaterole OR rolcreatedb OR rolreplication)) THEN
    ALTER ROLE refuge_app NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEROLE NOCREATEDB NOREPLICATION;
  END IF;
  FOR r IN SELECT g.rolname FROM pg_auth_members am JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member WHERE m.rolname = 'refuge_app' LOOP
    EXECUTE format('REVOKE %I FROM refuge_app', r.rolname);
  END LOOP;
END $$;

-- Session expiry on the database's clock, which the application cannot move: the idle lifetime the
-- application chose (expires_at − last_seen_at, both on its clock) counted from the database's now().
ALTER TABLE sessions ADD COLUMN db_expires_at timestamptz;
UPDATE sessions SET db_expires_at = now() + (expires_at - last_seen_at);
ALTER TABLE sessions ALTER COLUMN db_expires_at SET NOT NULL;
ALTER TABLE sessions ALTER COLUMN db_expires_at SET DEFAULT now();
CREATE FUNCTION refuge_session_db_expiry() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.db_expires_at := now() + (NEW.expires_at - NEW.last_seen_at);
  RETURN NEW;
END $$;
CREATE TRIGGER sessions_db_expiry BEFORE INSERT OR UPDATE OF expires_at, last_seen_at ON sessions
  FOR EACH ROW EXECUTE FUNCTION refuge_session_db_expiry();

-- The acting user and organisation of this transaction's session token, or nulls. SECURITY DEFINER
-- (refuge_app cannot read sessions); names are schema-qualified and pg_temp is searched last, so a
-- temporary table cannot stand in for sessions. PL/pgSQL so that its query plan is prepared once per
-- connection (a non-inlined SQL function is planned again at every call).
CREATE FUNCTION refuge_session_actor(OUT user_id uuid, OUT organisation_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  SELECT s.user_id, s.organisation_id INTO user_id, organisation_id
  FROM public.sessions s
  JOIN public.users u ON u.id = s.user_id
  JOIN public.organisations o ON o.id = s.organisation_id
  WHERE s.token_hash = encode(sha256(convert_to(nullif(current_setting('refuge.session_token', true), ''), 'UTF8')), 'hex')
    AND s.db_expires_at > now()
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.user_id = s.user_id AND m.organisation_id = s.organisation_id)
    AND (s.second_factor_passed OR (NOT u.totp_enabled AND NOT (o.require_totp AND NOT u.totp_exempt)));
END $$;
REVOKE EXECUTE ON FUNCTION refuge_session_actor() FROM PUBLIC;

CREATE OR REPLACE FUNCTION refuge_user_id() RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ BEGIN RETURN (public.refuge_session_actor()).user_id; END $$;
CREATE OR REPLACE FUNCTION refuge_org_id() RETURNS uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ BEGIN RETURN (public.refuge_session_actor()).organisation_id; END $$;
CREATE OR REPLACE FUNCTION refuge_org_kind() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT kind FROM public.organisations WHERE id = public.refuge_org_id() $$;
CREATE OR REPLACE FUNCTION refuge_org_served() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
  $$ SELECT coalesce((SELECT nationalities_served FROM public.organisations WHERE id = public.refuge_org_id() AND kind = 'embassy'), '{}'::text[]) $$;

-- Chain of custody: visible and appendable exactly where its evidence item is.
ALTER TABLE evidence_custody ENABLE ROW LEVEL SECURITY;
CREATE POLICY evidence_custody_with_evidence ON evidence_custody FOR SELECT TO refuge_app
  USING (EXISTS (SELECT 1 FROM evidence e WHERE e.id = evidence_custody.evidence_id));
CREATE POLICY evidence_custody_append ON evidence_custody FOR INSERT TO refuge_app
  WITH CHECK (EXISTS (SELECT 1 FROM evidence e WHERE e.id = evidence_custody.evidence_id));

-- Every policy evaluates the actor functions once per statement: f() becomes (SELECT f()).
DO $$
DECLARE
  p record;
  pattern constant text := '(?<!SELECT )\\m(refuge_org_id|refuge_user_id|refuge_org_kind|refuge_org_served|refuge_reads_sensitive_evidence)\\(\\)';
  q text;
  c text;
BEGIN
  FOR p IN SELECT tablename, policyname, qual, with_check FROM pg_policies WHERE schemaname = 'public' LOOP
    q := regexp_replace(p.qual, pattern, '(SELECT \\1())', 'g');
    c := regexp_replace(p.with_check, pattern, '(SELECT \\1())', 'g');
    IF q IS DISTINCT FROM p.qual THEN
      EXECUTE format('ALTER POLICY %I ON public.%I USING (%s)', p.policyname, p.tablename, q);
    END IF;
    IF c IS DISTINCT FROM p.with_check THEN
      EXECUTE format('ALTER POLICY %I ON public.%I WITH CHECK (%s)', p.policyname, p.tablename, c);
    END IF;
  END LOOP;
END $$;

-- FORCE on every table with row-level security (the owner too is subject to it unless superuser or
-- BYPASSRLS), and no row at all without a valid session, whatever the permissive policies allow.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity LOOP
    EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('CREATE POLICY refuge_signed_in ON public.%I AS RESTRICTIVE FOR ALL TO refuge_app USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL)', t.relname);
  END LOOP;
END $$;
`;
