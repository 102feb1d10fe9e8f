/**
 * A registration keeps the consular queue in step for less (issue #13).
 *
 * Why: the cases insert trigger (0031) called refuge_consular_queue_refresh for every new case, and that cost 271 us
 * of a registration's 1,270 us of database CPU (pg_stat_user_functions, `npm run bench:registration -- --engines
 * postgresql`), whether or not the survivor had consented to be seen by an embassy:
 * - the refresh was a LANGUAGE sql function of two statements, which PostgreSQL 15 parses on every call (an SQL
 *   function is inlined only when it is one SELECT, and never when SECURITY DEFINER); PL/pgSQL parses each statement
 *   once per connection. It still plans each call for the ids it is given (force_custom_plan): a generic plan does
 *   not know the array holds one id and read every survivor (1,856 us a call on 2,200 survivors, growing with them);
 * - the rest was opening and locking the queue table and its four indexes in each new transaction, for a survivor
 *   who may not be in any queue. The insert trigger now calls the refresh only for new cases whose survivor consented
 *   to their own embassy (consent_own_embassy, the refresh's own condition); a case that did not gets no entry, as
 *   before, and an update of consent later goes through the survivors trigger as before.
 * The refresh's body, answer and privileges are unchanged. Measured with the benchmark's survivors consenting and not
 * (2,000 registrations one after another): database CPU per registration 1,665 → 1,245 us and 1,310 → 955 us.
 */
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION refuge_consular_queue_refresh(p_case_ids uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp SET plan_cache_mode = force_custom_plan
AS $$
BEGIN
  DELETE FROM public.consular_queue_entries WHERE case_id = ANY (p_case_ids);
  INSERT INTO public.consular_queue_entries
  SELECT n.n, c.id, s.id, c.opened_at,
         CASE c.risk_level WHEN 'low' THEN 0 WHEN 'medium' THEN 1 WHEN 'high' THEN 2 WHEN 'critical' THEN 3 END,
         c.status, s.document_status, s.nationalities, n.consented
  FROM public.cases c JOIN public.survivors s ON s.id = c.survivor_id
  CROSS JOIN LATERAL (SELECT DISTINCT x AS n, ARRAY(SELECT DISTINCT y FROM unnest(coalesce(s.consent_embassy_nationalities, s.nationalities)) y ORDER BY y) AS consented
                      FROM unnest(coalesce(s.consent_embassy_nationalities, s.nationalities)) x) n
  WHERE c.id = ANY (p_case_ids) AND s.consent_own_embassy
    AND coalesce(s.consent_embassy_nationalities, s.nationalities) && s.nationalities;
END $$;

CREATE OR REPLACE FUNCTION refuge_consular_queue_cases_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_ids uuid[] := ARRAY(SELECT i.id FROM inserted i JOIN public.survivors s ON s.id = i.survivor_id
                        WHERE s.consent_own_embassy);
BEGIN
  IF cardinality(v_ids) > 0 THEN
    PERFORM public.refuge_consular_queue_refresh(v_ids);
  END IF;
  RETURN NULL;
END $$;
`;
