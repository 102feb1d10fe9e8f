/**
 * The consular queue answers from an index (issue #13).
 *
 * An embassy sees the survivors who consented to their own embassy, of the nationalities it serves
 * (survivors_embassy_read, 0013). Under row-level security that policy's `&&` is not leakproof, so PostgreSQL never
 * evaluates it inside an index: the queue and its count read every survivor and case to find the few percent an
 * embassy sees. survivors_embassy_consent indexes exactly the policy's terms, for consenting survivors only, and
 * refuge_embassy_queue_cases reads it as the schema owner, for the caller's own organisation only (refuge_org_served()
 * derives the nationalities from the session: nothing without one, nothing for an organisation covering none), and
 * returns case ids, never rows. The queue still reads the rows under row-level security.
 */
export const sql = /* sql */ `
CREATE INDEX survivors_embassy_consent ON survivors USING gin ((coalesce(consent_embassy_nationalities, nationalities)))
  WHERE consent_own_embassy;

-- The ids of the cases the caller's organisation sees as an embassy (survivors_embassy_read).
CREATE FUNCTION refuge_embassy_queue_cases() RETURNS SETOF uuid
-- No enable_seqscan = off here: it would also apply inside refuge_org_served(), whose plan it makes 100× slower; the
-- planner takes the index and each survivor's cases by itself once it knows the nationalities (EXECUTE).
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 1000 SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  -- Planned for the served nationalities each time (EXECUTE), as the index lookup's selectivity depends on them.
  RETURN QUERY EXECUTE 'SELECT c.id FROM public.survivors s JOIN public.cases c ON c.survivor_id = s.id
      WHERE s.consent_own_embassy
        AND coalesce(s.consent_embassy_nationalities, s.nationalities) && $1
        AND coalesce(s.consent_embassy_nationalities, s.nationalities) && s.nationalities'
    USING public.refuge_org_served();
END $$;
REVOKE ALL ON FUNCTION refuge_embassy_queue_cases() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_embassy_queue_cases() TO refuge_app;
`;
