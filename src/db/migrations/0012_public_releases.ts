/**
 * Public statistics releases (issue #14): each row is one published release of aggregate tables
 * (core/statistics/release.ts), already suppressed; nothing in it is about an individual. Kept so that
 * the next release can be checked against every earlier one, and so the public page serves a reviewed,
 * fixed release instead of live counts.
 *
 * Reading: any signed-in session (the public route reads the latest release as the system, since it has
 * no session). Writing: only a coordination organisation's member inserts, as itself; nobody updates or
 * deletes through the request role (no grant), and a trigger refuses any update of what was published, for
 * everyone (only `created_by` may be cleared, as the demo purge does). `seq` is unique, so two releases made at the
 * same moment cannot both be
 * checked against the same predecessor only.
 */
export const sql = /* sql */ `
CREATE TABLE public_releases (
  id uuid PRIMARY KEY,
  seq integer NOT NULL UNIQUE CHECK (seq > 0),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  minimum_cell integer NOT NULL CHECK (minimum_cell > 1),
  withheld_for_differencing integer NOT NULL DEFAULT 0,
  figures jsonb NOT NULL
);

CREATE FUNCTION refuge_public_releases_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- What was published never changes; only created_by may be cleared (refuge demo purge removes demo accounts).
  IF (NEW.id, NEW.seq, NEW.organisation_id, NEW.created_at, NEW.minimum_cell, NEW.withheld_for_differencing, NEW.figures)
      IS NOT DISTINCT FROM (OLD.id, OLD.seq, OLD.organisation_id, OLD.created_at, OLD.minimum_cell, OLD.withheld_for_differencing, OLD.figures)
     AND NEW.created_by IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'a published release is never rewritten';
END $$;
CREATE TRIGGER public_releases_immutable BEFORE UPDATE ON public_releases
  FOR EACH ROW EXECUTE FUNCTION refuge_public_releases_immutable();

ALTER TABLE public_releases ENABLE ROW LEVEL SECURITY;
ALTER TABLE public_releases FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON public_releases AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY public_releases_read ON public_releases FOR SELECT TO refuge_app USING (true);
CREATE POLICY public_releases_coordination_insert ON public_releases FOR INSERT TO refuge_app
  WITH CHECK ((SELECT refuge_org_kind()) = 'coordination' AND organisation_id = (SELECT refuge_org_id())
    AND created_by = (SELECT refuge_user_id()));
GRANT SELECT, INSERT ON public_releases TO refuge_app;
`;
