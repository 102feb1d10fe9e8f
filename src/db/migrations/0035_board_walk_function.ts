/**
 * The triage board's ordered walk (needs.repository triageBoard, step 1) as one function whose plan is kept.
 *
 * Why: sent as a statement, the walk was planned anew for every page — 1.3–2.8 ms of planning beside 1.6–8.6 ms of
 * execution, one page at a time on a 10k-case database (pg_stat_statements), because the union of ranges, the lateral
 * page join and the row-level security of three tables make a large plan. PL/pgSQL keeps the plan of its statement per
 * connection; `force_generic_plan` makes it keep one plan for every filter instead of planning each call again (the
 * filters are all parameters, the ranges one arm per walkable column, of which the arms not asked for are skipped at
 * run time by their one-time filter).
 *
 * The answer is the walk's as it was: for each picked value of the walked column (p_driver: kind, location_kind,
 * age_band, or null for the whole board), that value's range of the board in order from the keyset cursor, at most
 * p_budget entries, each marked whether it passes every filter; an entry at the budget is a marker (cut). At most
 * p_limit + 1 rows per range, merged, and for matched entries the page's columns: the need (not its sealed note, which
 * the board does not show), its case's survivor and status, the survivor's sex and protection flags, and the identity
 * envelope only for p_identities_of's survivors.
 * SECURITY INVOKER: row-level security applies to the caller as it did to the statement.
 */
/**
 * One range of the board in order from the cursor: the picked value's range of the walked column's index, or (column
 * null) the whole board. Its one-time filter on p_driver skips it at run time when another column is walked.
 */
const range = (column: string | null) => `(SELECT b.id, b.urgency_tier, b.effective_priority, b.created_at, b.kind,
                  b.nationalities, b.location_kind, b.age_band
           FROM public.needs b
           WHERE ${column ? `p_driver = '${column}'` : 'p_driver IS NULL'} AND b.organisation_id = p_organisation_id
             AND b.status IN ('open', 'in_progress')${column ? ` AND b.${column} = v.val` : ''}
             AND (b.urgency_tier, b.effective_priority, b.created_at, b.id) > (v_after_tier, v_after_priority,
                 v_after_created_at, v_after_id)
           ORDER BY b.urgency_tier, b.effective_priority, b.created_at, b.id LIMIT p_budget)`;

export const sql = /* sql */ `
CREATE FUNCTION refuge_board_walk(
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
BEGIN
  RETURN QUERY
  WITH walked AS (
    SELECT r.* FROM unnest(CASE WHEN p_driver IS NULL THEN ARRAY[NULL::text] ELSE p_values END) AS v(val)
    CROSS JOIN LATERAL (
      SELECT w.*, w.walked = p_budget AS cut FROM (
        SELECT n.id, n.urgency_tier, n.effective_priority, n.created_at,
               (p_kinds IS NULL OR n.kind = ANY(p_kinds))
               AND (p_nationalities IS NULL OR n.nationalities && p_nationalities)
               AND (p_location_kinds IS NULL OR n.location_kind = ANY(p_location_kinds))
               AND (p_age_bands IS NULL OR n.age_band = ANY(p_age_bands)) AS matched,
               row_number() OVER (ORDER BY n.urgency_tier, n.effective_priority, n.created_at, n.id) AS walked
        FROM (
${['kind', 'location_kind', 'age_band', null].map(range).join('\n          UNION ALL\n')}
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
