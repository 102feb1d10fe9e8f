/**
 * A triage board page in one statement (issue #13).
 *
 * Why: a page was five round trips to the database after the session lookup's — BEGIN with the actor's settings, the
 * walk (refuge_board_walk, 0035), the read's audit entry, COMMIT — and on loopback each statement costs the server and
 * the database about as much CPU as a small query does (the server's profile under bench:api at 1M cases: 20 % of
 * its busy time sending statements). refuge_board_page does what the repository did with the walk's answer and writes
 * the audit entry with it, so the common page is one statement in its own transaction.
 *
 * What it answers, from the walk's entries in order: the page is the matched entries up to p_limit, stopping at the
 * first marker (a range that ran out of budget); it is complete when no marker came first or the page filled.
 * - Complete: the page's entries (an entry whose need, case or survivor row-level security hides is left out, as a
 *   join leaves it out; it still took its place, as before). If p_audit is given ({"view", "requestId"}) and the page
 *   carries identity envelopes, the 'survivor.read' entry for exactly those survivors is appended first, through
 *   refuge_audit as every read's entry is (actor and organisation from the session, not from here).
 * - Empty and complete as well when the walk met no match of a picked nationality that no open need of the session's
 *   organisation has (refuge_board_nationality_needs, 0028): an absent nationality is one statement too.
 * - Not complete: one row and nothing else — id null, cut true — and no audit entry; the caller then reads the board
 *   in a transaction of its own (needs.repository).
 * p_token, when given, is the acting session for this statement alone, set before anything is read
 * (transaction-local, as asActor and refuge_register_survivor set it); null runs as the caller's transaction already
 * is. SECURITY INVOKER: row-level security applies as it did to the statements it replaces.
 */
export const sql = /* sql */ `
-- The walk's answer (refuge_board_walk's columns), so a page can be kept and cut in PL/pgSQL.
CREATE TYPE refuge_board_entry AS (
  matched boolean, cut boolean,
  id uuid, case_id uuid, organisation_id uuid, kind text, priority text, status text, created_by uuid,
  created_at timestamptz, updated_at timestamptz, urgency_tier smallint, effective_priority smallint,
  age_band text, nationalities text[], location_kind text, case_risk text, version integer,
  survivor_id uuid, sex text, case_status text, protection_flags text[], identity_enc text);

CREATE FUNCTION refuge_board_page(
  p_token text,
  p_organisation_id uuid, p_driver text, p_values text[],
  p_kinds text[], p_nationalities text[], p_location_kinds text[], p_age_bands text[],
  p_after_tier smallint, p_after_priority smallint, p_after_created_at timestamptz, p_after_id uuid,
  p_budget integer, p_limit integer, p_identities_of uuid, p_audit jsonb)
RETURNS SETOF refuge_board_entry LANGUAGE plpgsql VOLATILE SECURITY INVOKER AS $$
DECLARE
  v_walked refuge_board_entry[];
  e refuge_board_entry;
  v_taken integer := 0;    -- matched entries on the page
  v_read integer := 0;     -- entries of the walk the page was taken from
  v_complete boolean := true;
  v_named uuid[] := '{}';  -- survivors whose identity envelope the page carries
BEGIN
  IF p_token IS NOT NULL THEN
    PERFORM set_config('refuge.session_token', p_token, true), set_config('role', 'refuge_app', true);
  END IF;
  v_walked := ARRAY(SELECT w::refuge_board_entry FROM refuge_board_walk(p_organisation_id, p_driver, p_values,
    p_kinds, p_nationalities, p_location_kinds, p_age_bands, p_after_tier, p_after_priority, p_after_created_at,
    p_after_id, p_budget, p_limit, p_identities_of) w);
  FOREACH e IN ARRAY v_walked LOOP
    EXIT WHEN v_taken = p_limit;
    v_read := v_read + 1;
    IF e.matched THEN
      v_taken := v_taken + 1;
      IF e.id IS NOT NULL AND e.identity_enc IS NOT NULL AND NOT e.survivor_id = ANY (v_named) THEN
        v_named := v_named || e.survivor_id;
      END IF;
    END IF;
    IF e.cut THEN
      v_complete := v_taken = p_limit;
      EXIT;
    END IF;
  END LOOP;
  -- A picked nationality the walk met no match of: the organisation may have no open need with it at all (the GIN
  -- index says so at once when the nationality is rare, which meeting no match suggests). Then the page is empty and
  -- complete. Asked for a session only: refuge_board_nationality_needs answers for the session's organisation.
  IF NOT v_complete AND p_nationalities IS NOT NULL AND refuge_org_id() IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM unnest(v_walked) u WHERE u.matched)
     AND NOT EXISTS (SELECT 1 FROM refuge_board_nationality_needs(p_nationalities, 1)) THEN
    RETURN;
  END IF;
  IF NOT v_complete THEN
    e := NULL;
    e.cut := true;
    RETURN NEXT e;
    RETURN;
  END IF;
  IF p_audit IS NOT NULL AND cardinality(v_named) > 0 THEN
    PERFORM refuge_audit(NULL, NULL, 'survivor.read', 'survivor', NULL, p_audit->>'requestId',
      jsonb_build_object('view', p_audit->>'view', 'survivorIds', to_jsonb(v_named)));
  END IF;
  RETURN QUERY SELECT u.* FROM unnest(v_walked[1:v_read]) u WHERE u.matched AND u.id IS NOT NULL;
END $$;
GRANT EXECUTE ON FUNCTION refuge_board_page(text, uuid, text, text[], text[], text[], text[], text[], smallint,
  smallint, timestamptz, uuid, integer, integer, uuid, jsonb) TO refuge_app;
`;
