/**
 * The nationalities an organisation serves, computed once per call in PL/pgSQL (issue #13).
 *
 * Why: refuge_org_served() (0013) was a LANGUAGE sql function, SECURITY DEFINER with a SET clause, so PostgreSQL could
 * not inline it and parsed and planned its two-branch query (a union, three NOT EXISTS, an array comparison) on every
 * call, and it asked for the session's actor three times (refuge_org_id() in each branch). Row-level security calls
 * it once per statement that reaches an embassy policy (cases_embassy_read, survivors_embassy_read and the
 * others), and the case and queue repositories select it. In PL/pgSQL the query's plan is kept for the connection
 * and the actor is read once. Backend CPU per `SELECT refuge_org_served()` statement, 2,000 in a row on a test
 * database, the machine shared with a test run: 605–905 us before, 140–305 us after.
 *
 * The rule and the answer are unchanged: the same query, with the actor's organisation read once; '{}' without a
 * session, as before (no organisation matched).
 */
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION refuge_org_served() RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_org uuid := public.refuge_org_id();
BEGIN
  IF v_org IS NULL THEN
    RETURN '{}'::text[];
  END IF;
  RETURN (SELECT coalesce(array_agg(DISTINCT n ORDER BY n), '{}'::text[]) FROM (
    SELECT r.n FROM (SELECT upper(unnest(o.nationalities_served)) AS n FROM public.organisations o
                       WHERE o.id = v_org AND o.kind = 'embassy') r
      WHERE NOT EXISTS (SELECT 1 FROM public.consular_coverage own
                          WHERE own.organisation_id = v_org AND own.nationality = r.n)
    UNION
    SELECT cc.nationality FROM public.consular_coverage cc
      WHERE cc.organisation_id = v_org
        AND NOT EXISTS (SELECT 1 FROM public.organisations e WHERE e.kind = 'embassy'
                          AND cc.nationality = ANY (SELECT upper(x) FROM unnest(e.nationalities_served) x)
                          AND NOT EXISTS (SELECT 1 FROM public.consular_coverage er
                                            WHERE er.organisation_id = e.id AND er.nationality = cc.nationality))
        AND NOT EXISTS (SELECT 1 FROM public.consular_coverage b WHERE b.nationality = cc.nationality
                          AND (array_position(ARRAY['non_resident','honorary','international_org'], b.mode), b.rank, b.organisation_id::text)
                            < (array_position(ARRAY['non_resident','honorary','international_org'], cc.mode), cc.rank, cc.organisation_id::text))
  ) s);
END $$;
`;
