/**
 * The triage board answers every filter combination from an index (issue #13).
 *
 * Each filter a person picks by value (need kind, location kind, age band) gets an index on the organisation's open
 * needs that keeps the board's order (core/triage TRIAGE_SORT_KEYS) within one value, so the board walks the matching
 * entries in order — one range per picked value, merged — instead of walking the whole board or fetching and sorting
 * every match. needs_board_kind (0002) did this for the kind; location and age band are new. All four board indexes
 * carry the filtered columns (INCLUDE), so checking the other filters on a walked entry needs no heap visit once
 * vacuum has marked the page all-visible.
 *
 * Nationalities are an array: no per-element order. Under row-level security the GIN index on them cannot be used at
 * all (`&&` is not leakproof, so PostgreSQL will not evaluate it inside an index before the policy), and the board read
 * every open need of the organisation to find that none has an absent nationality. refuge_board_nationality_needs
 * reads the GIN index as the schema owner, for the caller's own organisation only (refuge_org_id(): nothing without a
 * session), and returns need ids, never rows.
 */
export const sql = /* sql */ `
DROP INDEX needs_board;
CREATE INDEX needs_board ON needs(organisation_id, urgency_tier, effective_priority, created_at, id)
  INCLUDE (kind, nationalities, location_kind, age_band) WHERE status IN ('open','in_progress');
DROP INDEX needs_board_kind;
CREATE INDEX needs_board_kind ON needs(organisation_id, kind, urgency_tier, effective_priority, created_at, id)
  INCLUDE (nationalities, location_kind, age_band) WHERE status IN ('open','in_progress');
CREATE INDEX needs_board_location ON needs(organisation_id, location_kind, urgency_tier, effective_priority, created_at, id)
  INCLUDE (kind, nationalities, age_band) WHERE status IN ('open','in_progress');
CREATE INDEX needs_board_age ON needs(organisation_id, age_band, urgency_tier, effective_priority, created_at, id)
  INCLUDE (kind, nationalities, location_kind) WHERE status IN ('open','in_progress');

-- The ids of the caller's organisation's open needs with any of these nationalities, at most p_limit (null: all).
CREATE FUNCTION refuge_board_nationality_needs(p_nationalities text[], p_limit integer) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 SET search_path = pg_catalog, public, pg_temp
  -- Bitmap scans only: with a LIMIT the planner would otherwise walk the organisation's needs hoping for an early match,
  -- all of them when the nationality is absent.
  SET enable_seqscan = off SET enable_indexscan = off SET enable_indexonlyscan = off AS $$
BEGIN
  -- Planned for these values each time (EXECUTE), so an absent nationality is a GIN lookup that finds nothing.
  RETURN QUERY EXECUTE 'SELECT n.id FROM public.needs n WHERE n.nationalities && $1
      AND n.status IN (''open'',''in_progress'') AND n.organisation_id = $2 LIMIT $3'
    USING p_nationalities, public.refuge_org_id(), p_limit;
END $$;
REVOKE ALL ON FUNCTION refuge_board_nationality_needs(text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_board_nationality_needs(text[], integer) TO refuge_app;
`;
