/**
 * The consular queue pages from indexes in its own order (issue #13).
 *
 * 0029 returned every case an embassy sees (through a GIN index) and the queue then sorted and counted them all:
 * 270–920 ms at 1M cases. An embassy's queue is a union of per-nationality lists, so:
 *  - consular_queue_entries holds, per case and per nationality its survivor consented to be seen by (survivors_embassy
 *    _read, 0013: consent_own_embassy, coalesce(consent_embassy_nationalities, nationalities), which must meet the
 *    survivor's own nationalities), what the queue sorts and filters on. Triggers keep it in step with cases and
 *    survivors in the same transaction, so a consent withdrawn or narrowed leaves the list at once.
 *  - Indexes in each sort's order within one nationality; refuge_embassy_queue_page walks them from the keyset cursor,
 *    one range per served nationality, merged, and returns at most p_limit case ids in order. The flight sort merges
 *    this embassy's booked records (few) with the rest in id order (the key of "no flight" is one constant).
 *  - refuge_embassy_queue_count counts the same matches, stopping at p_cap + 1 (the caller labels it "at least").
 * Both read as the schema owner for the caller's own organisation only: the nationalities come from the session
 * (refuge_org_served(): nothing without one, nothing for an organisation covering none), never from a parameter; every
 * parameter only narrows. They return ids and a number, never rows: the queue reads its rows under row-level security.
 * The table has no grant to refuge_app.
 *
 * The risk ordinal is core/vocabulary RISK_LEVELS' order (consular-queue.db.test.ts sorts by it and compares).
 */
export const sql = /* sql */ `
DROP FUNCTION refuge_embassy_queue_cases();
DROP INDEX survivors_embassy_consent;

CREATE TABLE consular_queue_entries (
  nationality text NOT NULL,
  case_id uuid NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  survivor_id uuid NOT NULL,
  opened_at timestamptz NOT NULL,
  risk smallint NOT NULL,
  status text NOT NULL,
  document_status text NOT NULL,
  -- The survivor's own nationalities (the queue's scope and its nationality filter) and those consented to.
  nationalities text[] NOT NULL,
  consented text[] NOT NULL,
  PRIMARY KEY (nationality, case_id) INCLUDE (status, document_status, survivor_id, nationalities, consented)
);
CREATE INDEX consular_queue_opened ON consular_queue_entries(nationality, opened_at, case_id)
  INCLUDE (status, document_status, survivor_id, nationalities, consented);
CREATE INDEX consular_queue_risk ON consular_queue_entries(nationality, risk, case_id)
  INCLUDE (status, document_status, survivor_id, nationalities, consented);
CREATE INDEX consular_queue_case ON consular_queue_entries(case_id);
-- This embassy's booked flights in order (the flight sort), and its records (what record filters exclude).
CREATE INDEX consular_records_embassy ON consular_records(embassy_organisation_id, flight_date, case_id);

-- The entries of these cases, from their current rows (delete, then insert what the consent allows).
CREATE FUNCTION refuge_consular_queue_refresh(p_case_ids uuid[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
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
$$;
REVOKE ALL ON FUNCTION refuge_consular_queue_refresh(uuid[]) FROM PUBLIC;

CREATE FUNCTION refuge_consular_queue_cases_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM public.refuge_consular_queue_refresh(ARRAY(SELECT id FROM inserted));
  RETURN NULL;
END $$;
CREATE FUNCTION refuge_consular_queue_case_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM public.refuge_consular_queue_refresh(ARRAY[NEW.id]);
  RETURN NULL;
END $$;
CREATE FUNCTION refuge_consular_queue_survivor_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  PERFORM public.refuge_consular_queue_refresh(ARRAY(SELECT c.id FROM public.cases c WHERE c.survivor_id = NEW.id));
  RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION refuge_consular_queue_cases_inserted(), refuge_consular_queue_case_changed(),
  refuge_consular_queue_survivor_changed() FROM PUBLIC;
-- Inserts once per statement (a bulk import is one refresh); updates per row, only when a kept column changes.
CREATE TRIGGER cases_consular_queue_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION refuge_consular_queue_cases_inserted();
CREATE TRIGGER cases_consular_queue_update AFTER UPDATE OF survivor_id, opened_at, risk_level, status ON cases
  FOR EACH ROW WHEN (OLD.survivor_id IS DISTINCT FROM NEW.survivor_id OR OLD.opened_at IS DISTINCT FROM NEW.opened_at
                     OR OLD.risk_level IS DISTINCT FROM NEW.risk_level OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION refuge_consular_queue_case_changed();
CREATE TRIGGER survivors_consular_queue_update
  AFTER UPDATE OF consent_own_embassy, consent_embassy_nationalities, nationalities, document_status ON survivors
  FOR EACH ROW WHEN (OLD.consent_own_embassy IS DISTINCT FROM NEW.consent_own_embassy
                     OR OLD.consent_embassy_nationalities IS DISTINCT FROM NEW.consent_embassy_nationalities
                     OR OLD.nationalities IS DISTINCT FROM NEW.nationalities
                     OR OLD.document_status IS DISTINCT FROM NEW.document_status)
  EXECUTE FUNCTION refuge_consular_queue_survivor_changed();

SELECT refuge_consular_queue_refresh(ARRAY(SELECT c.id FROM cases c JOIN survivors s ON s.id = c.survivor_id
                                            WHERE s.consent_own_embassy));

-- The filters a queue entry answers by itself ($1 the served nationalities; $5.. the narrowing parameters), and its
-- first served consented nationality (a case under several is counted and listed once).
CREATE FUNCTION refuge_embassy_queue_where() RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'e.nationalities && $1
      AND NOT EXISTS (SELECT 1 FROM unnest($1) m WHERE m < e.nationality AND m = ANY (e.consented))
      AND ($5 IS NULL OR e.status = ANY ($5)) AND ($6 IS NULL OR e.nationalities && $6)
      AND ($7 IS NULL OR e.document_status = ANY ($7))
      AND (($8 IS NULL AND $9 IS NULL) OR e.survivor_id = ANY ($8) OR left(e.case_id::text, length($9)) = $9)
      AND ($10 IS NULL OR e.case_id <> ALL ($10))'
$$;
REVOKE ALL ON FUNCTION refuge_embassy_queue_where() FROM PUBLIC;

-- One page of the caller's organisation's queue: at most p_limit case ids in the sort's order, after the cursor
-- (p_after_key: the sort key as text; p_after_id: the case id). Filters: statuses, any of these survivor
-- nationalities, own-passport statuses, search (these survivors, or a case id prefix), and cases to leave out.
CREATE FUNCTION refuge_embassy_queue_page(p_sort text, p_after_key text, p_after_id uuid, p_limit integer,
  p_statuses text[], p_nationalities text[], p_documents text[], p_survivor_ids uuid[], p_id_prefix text,
  p_exclude uuid[]) RETURNS TABLE (case_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50 SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  served text[] := public.refuge_org_served();
  org uuid := public.refuge_org_id();
  filters text := public.refuge_embassy_queue_where();
  after_cond text := 'true';
  rest_cond text := 'true';
  walk text;
BEGIN
  IF org IS NULL OR cardinality(served) = 0 OR p_limit IS NULL OR p_limit < 1 THEN RETURN; END IF;
  IF p_sort IN ('newest', 'oldest', 'risk') THEN
    walk := format(
      'SELECT x.case_id FROM unnest($1) AS n(n) CROSS JOIN LATERAL (
         SELECT e.case_id, e.%1$s AS k FROM public.consular_queue_entries e
         WHERE e.nationality = n.n AND %2$s AND %3$s ORDER BY e.%1$s %4$s, e.case_id %4$s LIMIT $4) x
       ORDER BY x.k %4$s, x.case_id %4$s LIMIT $4',
      CASE p_sort WHEN 'risk' THEN 'risk' ELSE 'opened_at' END,
      filters,
      CASE WHEN p_after_id IS NULL THEN 'true'
           ELSE format('(e.%s, e.case_id) %s ($2::%s, $3)', CASE p_sort WHEN 'risk' THEN 'risk' ELSE 'opened_at' END,
                       CASE p_sort WHEN 'oldest' THEN '>' ELSE '<' END,
                       CASE p_sort WHEN 'risk' THEN 'smallint' ELSE 'timestamptz' END) END,
      CASE p_sort WHEN 'oldest' THEN 'ASC' ELSE 'DESC' END);
  ELSIF p_sort = 'flight' THEN
    -- Booked first by date, then everyone else (key 9999-12-31) by id.
    IF p_after_id IS NOT NULL THEN
      after_cond := '(r.flight_date, e.case_id) > ($2::date, $3)';
      rest_cond := CASE WHEN p_after_key::date < DATE '9999-12-31' THEN 'true'
                        WHEN p_after_key::date = DATE '9999-12-31' THEN 'e.case_id > $3' ELSE 'false' END;
    END IF;
    walk := format(
      'SELECT x.case_id FROM (
         SELECT e.case_id, r.flight_date AS k FROM public.consular_records r
           JOIN public.consular_queue_entries e ON e.case_id = r.case_id AND e.nationality = ANY ($1)
           WHERE r.embassy_organisation_id = $11 AND r.flight_date IS NOT NULL AND %1$s AND %2$s
         UNION ALL
         SELECT y.case_id, DATE ''9999-12-31'' FROM unnest($1) AS n(n) CROSS JOIN LATERAL (
           SELECT e.case_id FROM public.consular_queue_entries e
           WHERE e.nationality = n.n AND %1$s AND %3$s
             AND NOT EXISTS (SELECT 1 FROM public.consular_records r WHERE r.case_id = e.case_id
                               AND r.embassy_organisation_id = $11 AND r.flight_date IS NOT NULL)
           ORDER BY e.case_id LIMIT $4) y
       ) x ORDER BY x.k, x.case_id LIMIT $4',
      filters, after_cond, rest_cond);
  ELSE
    RAISE EXCEPTION 'unknown queue sort %', p_sort;
  END IF;
  RETURN QUERY EXECUTE walk USING served, p_after_key, p_after_id, p_limit, p_statuses, p_nationalities, p_documents,
    p_survivor_ids, p_id_prefix, p_exclude, org;
END $$;

-- How many cases of the caller's organisation's queue match (refuge_embassy_queue_page's filters), up to p_cap + 1.
CREATE FUNCTION refuge_embassy_queue_count(p_statuses text[], p_nationalities text[], p_documents text[],
  p_survivor_ids uuid[], p_id_prefix text, p_exclude uuid[], p_cap integer) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  served text[] := public.refuge_org_served();
  n integer;
BEGIN
  IF public.refuge_org_id() IS NULL OR cardinality(served) = 0 THEN RETURN 0; END IF;
  EXECUTE format('SELECT count(*)::integer FROM (SELECT 1 FROM unnest($1) AS n(n) CROSS JOIN LATERAL (
      SELECT 1 FROM public.consular_queue_entries e WHERE e.nationality = n.n AND %s LIMIT $4) x LIMIT $4) c',
      public.refuge_embassy_queue_where())
    INTO n USING served, NULL::text, NULL::uuid, p_cap + 1, p_statuses, p_nationalities, p_documents, p_survivor_ids,
      p_id_prefix, p_exclude;
  RETURN n;
END $$;
REVOKE ALL ON FUNCTION refuge_embassy_queue_page(text, text, uuid, integer, text[], text[], text[], uuid[], text, uuid[]),
  refuge_embassy_queue_count(text[], text[], text[], uuid[], text, uuid[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  refuge_embassy_queue_page(text, text, uuid, integer, text[], text[], text[], uuid[], text, uuid[]),
  refuge_embassy_queue_count(text[], text[], text[], uuid[], text, uuid[], integer) TO refuge_app;
`;
