/**
 * The triage board walks one range per combination when kind, location kind and age band are all picked (issue #13).
 *
 * Why: the walk (0035) follows the range of one picked column and checks the others on each entry. When all three are
 * picked with a nationality, matches are rare along any one column's range — at 1M cases one organisation's board
 * held 46,773 open legal needs, of which 1,471 were on the street and 60 or over, and 73 of those Kenyan — so the walk
 * ran out of budget and the board read on to the end of the range in a transaction: 35,000 index entries for a first
 * page (10 ms alone, 20–40 ms under bench:api, and about a fifth of the database time of all board pages).
 * needs_board_facets holds the board's order within one (kind, location kind, age band): with all three picked
 * (at most BOARD_FACET_RANGES combinations, needs.repository), the walk merges those ranges, in which only the
 * nationality is left to check.
 *
 * refuge_board_walk is 0035's, with one more arm: p_driver 'facets', each value 'kind/location_kind/age_band'.
 * Arguments, answer and privileges are unchanged.
 */
const range = (column: string | null) => `(SELECT b.id, b.urgency_tier, b.effective_priority, b.created_at, b.kind,
                  b.nationalities, b.location_kind, b.age_band
           FROM public.needs b
           WHERE ${column ? `p_driver = '${column}'` : 'p_driver IS NULL'} AND b.organisation_id = p_organisation_id
             AND b.status IN ('open', 'in_progress')${column ? ` AND b.${column} = v.val` : ''}
             AND (b.urgency_tier, b.effective_priority, b.created_at, b.id) > (v_after_tier, v_after_priority,
                 v_after_created_at, v_after_id)
           ORDER BY b.urgency_tier, b.effective_priority, b.created_at, b.id LIMIT p_budget)`;

/**
 * The facets arm: one (kind, location kind, age band) combination's range, in order from the cursor (v.kind,
 * v.location_kind and v.age_band: the combination's parts).
 */
const facets = `(SELECT b.id, b.urgency_tier, b.effective_priority, b.created_at, b.kind,
                  b.nationalities, b.location_kind, b.age_band
           FROM public.needs b
           WHERE p_driver = 'facets' AND b.organisation_id = p_organisation_id
             AND b.status IN ('open', 'in_progress') AND b.kind = v.kind AND b.location_kind = v.location_kind
             AND b.age_band = v.age_band
             AND (b.urgency_tier, b.effective_priority, b.created_at, b.id) > (v_after_tier, v_after_priority,
                 v_after_created_at, v_after_id)
           ORDER BY b.urgency_tier, b.effective_priority, b.created_at, b.id LIMIT p_budget)`;

export const sql = /* sql */ `
CREATE INDEX needs_board_facets ON needs(organisation_id, kind, location_kind, age_band, urgency_tier,
  effective_priority, created_at, id) INCLUDE (nationalities) WHERE status IN ('open','in_progress');

CREATE OR REPLACE FUNCTION refuge_board_walk(
  p_organisation_id uuid, p_driver text, p_values text[],
  p_kinds text[], p_nationalities text[], p_location_kinds text[], p_age_bands text[],
  p_after_tier smallint, p_after_priority smallint, p_after_created_at timestamptz, p_after_id uuid,
  p_budget integer, p_limit integer, p_identities_of uuid)
RETURNS TABLE (
  matched boolean, cut boolean,
  id uuid, case_id uuid, organisation_id uuid, kind text, priority text, status text, created_by uuid,
  created_at timestamptz, updated_at timestamptz, urgency_tier smallint, effective_priority smallint,
  age_band text, nationalities text[], location_kind text, case_risk text, version integer,
  survivor_id uuid, sex text, case_status text, protection_flags text[], identity_enc text)
LANGUAGE plpgsql STABLE SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
DECLARE
  -- The first page starts before every entry: the cursor is always a range condition on the board's index.
  v_after_tier smallint := coalesce(p_after_tier, -32768);
  v_after_priority smallint := coalesce(p_after_priority, -32768);
  v_after_created_at timestamptz := coalesce(p_after_created_at, '-infinity');
  v_after_id uuid := coalesce(p_after_id, '00000000-0000-0000-0000-000000000000');
  -- The facets' three parts, split here: a function (split_part) in the arm's condition is not leakproof, so
  -- row-level security would keep it out of the index condition and the arm would read the whole board.
  v_facet_kinds text[] := CASE WHEN p_driver = 'facets' THEN
    ARRAY(SELECT split_part(x, '/', 1) FROM unnest(p_values) WITH ORDINALITY AS u(x, i) ORDER BY i) END;
  v_facet_locations text[] := CASE WHEN p_driver = 'facets' THEN
    ARRAY(SELECT split_part(x, '/', 2) FROM unnest(p_values) WITH ORDINALITY AS u(x, i) ORDER BY i) END;
  v_facet_ages text[] := CASE WHEN p_driver = 'facets' THEN
    ARRAY(SELECT split_part(x, '/', 3) FROM unnest(p_values) WITH ORDINALITY AS u(x, i) ORDER BY i) END;
BEGIN
  RETURN QUERY
  WITH walked AS (
    SELECT r.* FROM unnest(CASE WHEN p_driver IS NULL THEN ARRAY[NULL::text] ELSE p_values END, v_facet_kinds,
                           v_facet_locations, v_facet_ages) AS v(val, kind, location_kind, age_band)
    CROSS JOIN LATERAL (
      SELECT w.*, w.walked = p_budget AS cut FROM (
        SELECT n.id, n.urgency_tier, n.effective_priority, n.created_at,
               (p_kinds IS NULL OR n.kind = ANY(p_kinds))
               AND (p_nationalities IS NULL OR n.nationalities && p_nationalities)
               AND (p_location_kinds IS NULL OR n.location_kind = ANY(p_location_kinds))
               AND (p_age_bands IS NULL OR n.age_band = ANY(p_age_bands)) AS matched,
               row_number() OVER (ORDER BY n.urgency_tier, n.effective_priority, n.created_at, n.id) AS walked
        FROM (
${[...['kind', 'location_kind', 'age_band'].map(range), facets, range(null)].join('\n          UNION ALL\n')}
        ) n
      ) w WHERE w.matched OR w.walked = p_budget LIMIT p_limit + 1
    ) r
    ORDER BY r.urgency_tier, r.effective_priority, r.created_at, r.id
    LIMIT p_limit + coalesce(cardinality(p_values), 1)
  )
  SELECT w.matched, w.cut, d.* FROM walked w
  LEFT JOIN LATERAL (
    SELECT n.id, n.case_id, n.organisation_id, n.kind, n.priority, n.status, n.created_by, n.created_at,
           n.updated_at, n.urgency_tier, n.effective_priority, n.age_band, n.nationalities, n.location_kind,
           n.case_risk, n.version, c.survivor_id, s.sex, c.status AS case_status, s.protection_flags,
           CASE WHEN s.organisation_id = p_identities_of THEN s.identity_enc END AS identity_enc
    FROM public.needs n JOIN public.cases c ON c.id = n.case_id JOIN public.survivors s ON s.id = c.survivor_id
    WHERE w.matched AND n.id = w.id
  ) d ON true
  ORDER BY w.urgency_tier, w.effective_priority, w.created_at, w.id;
END $$;
GRANT EXECUTE ON FUNCTION refuge_board_walk(uuid, text, text[], text[], text[], text[], text[], smallint, smallint,
  timestamptz, uuid, integer, integer, uuid) TO refuge_app;
`;
