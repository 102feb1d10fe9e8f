/**
 * The consular queue's refresh keeps its plan (issue #13).
 *
 * Why: refuge_consular_queue_refresh (0037) ran with plan_cache_mode = force_custom_plan, because a generic plan for
 * `c.id = ANY (p_case_ids)` did not know the array holds one id and read every survivor. So each call planned its
 * INSERT … SELECT (two joins and a lateral subquery) anew: about 0.3–0.7 ms of planning for a few rows' work, paid by
 * every registration of a survivor who consented to their embassy. The INSERT now runs once per case id with
 * `c.id = v_id`, whose generic plan is the one a custom plan would be (two primary-key lookups), so PL/pgSQL keeps it
 * for the connection. Alternating the two in one transaction on 2,000 consenting cases of a 10k bench:api database:
 * 326–508 → 124–188 us a call.
 *
 * Rows, answer and privileges are unchanged: the same entries for the same cases.
 */
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION refuge_consular_queue_refresh(p_case_ids uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp
AS $$
DECLARE
  v_id uuid;
BEGIN
  DELETE FROM public.consular_queue_entries WHERE case_id = ANY (p_case_ids);
  -- Each id once, as = ANY matched it once.
  FOR v_id IN SELECT DISTINCT k FROM unnest(p_case_ids) k LOOP
    INSERT INTO public.consular_queue_entries
    SELECT n.n, c.id, s.id, c.opened_at,
           CASE c.risk_level WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 END,
           c.status, s.document_status, s.nationalities, n.consented
    FROM public.cases c JOIN public.survivors s ON s.id = c.survivor_id
    CROSS JOIN LATERAL (SELECT DISTINCT x AS n, ARRAY(SELECT DISTINCT y FROM unnest(coalesce(s.consent_embassy_nationalities, s.nationalities)) y ORDER BY y) AS consented
                        FROM unnest(coalesce(s.consent_embassy_nationalities, s.nationalities)) x) n
    WHERE c.id = v_id AND s.consent_own_embassy
      AND coalesce(s.consent_embassy_nationalities, s.nationalities) && s.nationalities;
  END LOOP;
END $$;
`;
