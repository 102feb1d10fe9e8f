/**
 * The one-call registration (0027) counts its rate-limit hit last, not first (issue #13).
 *
 * Why: the hit is an upsert on the account's one rate_limits row, and that row stays locked until the registration
 * commits. Counted first, every concurrent registration of one account waited for the whole of the one before it
 * (the p99 of bench:api rose with the one-call function). Counted last, the row is held only from the count to the
 * commit.
 *
 * The limit holds exactly as before:
 * - `refuge_registration_peek` reads the session's own count without locking (SECURITY DEFINER like
 *   refuge_registration_hit, keyed on refuge_user_id(), never on a passed key; it writes nothing). An account already
 *   at its limit is refused before anything else, and that refusal counts its hit, as before.
 * - A request refused by the checks counts its hit then, and is answered 429 instead if that hit went over the limit.
 * - A registration counts its hit after its last write. If the count goes over the limit (concurrent registrations
 *   of one account passed the peek together), the function raises SQLSTATE RF429 and the whole statement rolls back,
 *   the hit with it; the service counts that hit again on its own and answers the same 429 with Retry-After. The
 *   count is an upsert under the row lock, so the (limit + 1)-th concurrent registration sees the others' hits and
 *   never commits.
 * - A subtransaction (an EXCEPTION block) would keep the hit of a rolled-back registration inside the function, but it
 *   would not release the row lock any earlier and it costs every registration; the race it covers is rare.
 *
 * Everything else of 0027's contract stands: SECURITY INVOKER under refuge_app's policies, the same arguments and
 * answers ({"registered": true}, {"refused": "rate_limited", "hits", "reset_at"}, {"refused": "checks", …}), RF409 for
 * an Idempotency-Key kept by a concurrent request, and a refusal writes nothing but its rate-limit hit. Rows sent for
 * another survivor or case (22023) or refused by a policy (42501) roll back whole, hit included, as in 0027.
 */
export const sql = /* sql */ `
CREATE FUNCTION refuge_registration_peek(p_now timestamptz, p_window_seconds integer, OUT hits integer, OUT window_start timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_user uuid := public.refuge_user_id();
BEGIN
  IF v_user IS NULL THEN
    RAISE EXCEPTION 'rate limit: no signed-in user in this transaction' USING ERRCODE = '42501';
  END IF;
  -- The window as refuge_registration_hit sees it: one that has passed counts nothing.
  SELECT r.hits, r.window_start INTO hits, window_start FROM public.rate_limits r
  WHERE r.key = 'register:user:' || v_user::text AND r.window_start > p_now - make_interval(secs => p_window_seconds);
  hits := coalesce(hits, 0);
END $$;
REVOKE ALL ON FUNCTION refuge_registration_peek(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_registration_peek(timestamptz, integer) TO refuge_app;

CREATE OR REPLACE FUNCTION refuge_register_survivor(
  p_token text,
  p_now timestamptz,
  p_window_seconds integer,
  p_limit bigint,
  p_registering_kinds text[],
  p_checks jsonb,
  p_rows jsonb
) RETURNS jsonb LANGUAGE plpgsql SECURITY INVOKER AS $$
DECLARE
  v_user uuid;
  v_hits integer;
  v_window_start timestamptz;
  v_counted boolean := false;
  v_org uuid := (p_checks->>'organisation_id')::uuid;
  v_share uuid[] := ARRAY(SELECT jsonb_array_elements_text(coalesce(p_checks->'share_ids', '[]'))::uuid);
  v_place uuid := (p_checks->>'place_id')::uuid;
  v_compound uuid := (p_checks->>'compound_id')::uuid;
  v_assignee uuid := (p_checks->>'assigned_to')::uuid;
  v_own_kind text;
  v_orgs jsonb;
  v_compound_found boolean;
  v_assignee_member boolean;
  v_audit jsonb := p_rows->'audit';
BEGIN
  -- The actor of this statement, as asActor sets it for a transaction.
  PERFORM set_config('refuge.session_token', p_token, true), set_config('role', 'refuge_app', true);
  v_user := refuge_user_id();

  -- No valid session: nothing to count against, and every check below reads nothing (the service says 403).
  -- An account already at its limit is refused first; its row is locked only from this count to the return.
  IF v_user IS NOT NULL THEN
    SELECT h.hits INTO v_hits FROM refuge_registration_peek(p_now, p_window_seconds) h;
    IF v_hits >= p_limit THEN
      SELECT h.hits, h.window_start INTO v_hits, v_window_start FROM refuge_registration_hit(p_now, p_window_seconds) h;
      v_counted := true;
      IF v_hits > p_limit THEN
        RETURN jsonb_build_object('refused', 'rate_limited', 'hits', v_hits,
          'reset_at', v_window_start + make_interval(secs => p_window_seconds));
      END IF;
      -- The window turned over since the peek: this request is within the new one, and counted.
    END IF;
  END IF;

  v_own_kind := (SELECT o.kind FROM organisations o WHERE o.id = v_org);
  v_orgs := coalesce((SELECT jsonb_agg(jsonb_build_object('id', o.id, 'kind', o.kind)) FROM organisations o
    WHERE o.id = ANY(v_share || v_place)), '[]');
  v_compound_found := CASE WHEN v_compound IS NULL THEN NULL
    ELSE EXISTS (SELECT 1 FROM compounds c WHERE c.id = v_compound) END;
  v_assignee_member := CASE WHEN v_assignee IS NULL THEN NULL
    ELSE EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = v_assignee AND m.organisation_id = v_org) END;
  IF v_own_kind IS NULL OR NOT (v_own_kind = ANY(p_registering_kinds))
    OR EXISTS (SELECT 1 FROM unnest(v_share) s(id) WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v_orgs) e WHERE (e->>'id')::uuid = s.id))
    OR (v_place IS NOT NULL AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v_orgs) e
      WHERE (e->>'id')::uuid = v_place AND e->>'kind' = p_checks->>'place_kind'))
    OR v_compound_found IS FALSE OR v_assignee_member IS FALSE THEN
    -- A refusal counts too, and a 429 comes before the checks' answer.
    IF v_user IS NOT NULL AND NOT v_counted THEN
      SELECT h.hits, h.window_start INTO v_hits, v_window_start FROM refuge_registration_hit(p_now, p_window_seconds) h;
      IF v_hits > p_limit THEN
        RETURN jsonb_build_object('refused', 'rate_limited', 'hits', v_hits,
          'reset_at', v_window_start + make_interval(secs => p_window_seconds));
      END IF;
    END IF;
    RETURN jsonb_build_object('refused', 'checks', 'own_kind', v_own_kind, 'organisations', v_orgs,
      'compound_found', v_compound_found, 'assignee_is_member', v_assignee_member);
  END IF;

  -- One survivor and its own case: every row names them (a case on another organisation's survivor is not a
  -- registration, whatever a caller sends).
  IF (p_rows->'case'->>'survivor_id')::uuid IS DISTINCT FROM (p_rows->'survivor'->>'id')::uuid
    OR (jsonb_typeof(p_rows->'consent') = 'object'
      AND (p_rows->'consent'->>'survivor_id')::uuid IS DISTINCT FROM (p_rows->'survivor'->>'id')::uuid)
    OR (p_rows->'follow_up'->>'case_id')::uuid IS DISTINCT FROM (p_rows->'case'->>'id')::uuid
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_rows->'needs', '[]') || coalesce(p_rows->'events', '[]')) r
      WHERE (r->>'case_id')::uuid IS DISTINCT FROM (p_rows->'case'->>'id')::uuid) THEN
    RAISE EXCEPTION 'registration: every row must belong to the survivor and case it registers' USING ERRCODE = '22023';
  END IF;

  -- Each INSERT is its own statement here, so the case is visible to the timeline's policy (case_events_write).
  INSERT INTO survivors (id, organisation_id, registered_by, registered_at, identity_enc, location_enc, sex, age_band,
    nationalities, languages, document_status, location_kind, location_organisation_id, compound_ref, compound_id,
    exit_mode, exit_date, consent_own_embassy, consent_organisation_ids, consent_statistics, is_demo, consent_version,
    consent_cross_org_matching, consent_testimony, consent_embassy_nationalities, protection_flags)
  SELECT id, organisation_id, registered_by, registered_at, identity_enc, location_enc, sex, age_band,
    nationalities, languages, document_status, location_kind, location_organisation_id, compound_ref, compound_id,
    exit_mode, exit_date, consent_own_embassy, consent_organisation_ids, consent_statistics, is_demo, consent_version,
    consent_cross_org_matching, consent_testimony, consent_embassy_nationalities, protection_flags
  FROM jsonb_populate_record(NULL::survivors, p_rows->'survivor');

  INSERT INTO cases (id, survivor_id, organisation_id, status, risk_level, assigned_to, opened_at, updated_at)
  SELECT id, survivor_id, organisation_id, status, risk_level, assigned_to, opened_at, updated_at
  FROM jsonb_populate_record(NULL::cases, p_rows->'case');

  IF jsonb_typeof(p_rows->'consent') = 'object' THEN
    INSERT INTO consent_versions (survivor_id, version, organisation_id, recorded_by, at, method, share_with_own_embassy,
      share_with_organisation_ids, use_in_statistics, cross_organisation_matching, testimony_to_monitoring, changes,
      embassy_nationalities)
    SELECT survivor_id, version, organisation_id, recorded_by, at, method, share_with_own_embassy,
      share_with_organisation_ids, use_in_statistics, cross_organisation_matching, testimony_to_monitoring, changes,
      embassy_nationalities
    FROM jsonb_populate_record(NULL::consent_versions, p_rows->'consent');
  END IF;

  INSERT INTO follow_ups (id, case_id, organisation_id, due_at, completed_at, outcome, note_enc, recorded_by, created_at)
  SELECT id, case_id, organisation_id, due_at, completed_at, outcome, note_enc, recorded_by, created_at
  FROM jsonb_populate_record(NULL::follow_ups, p_rows->'follow_up');

  INSERT INTO needs (id, case_id, organisation_id, kind, priority, status, note_enc, created_by, created_at, updated_at,
    urgency_tier, effective_priority, age_band, nationalities, location_kind, case_risk)
  SELECT id, case_id, organisation_id, kind, priority, status, note_enc, created_by, created_at, updated_at,
    urgency_tier, effective_priority, age_band, nationalities, location_kind, case_risk
  FROM jsonb_populate_recordset(NULL::needs, coalesce(p_rows->'needs', '[]'));

  INSERT INTO jobs (id, kind, payload, organisation_id, created_by)
  SELECT id, kind, coalesce(payload, '{}'), organisation_id, created_by
  FROM jsonb_populate_record(NULL::jobs, p_rows->'job');

  INSERT INTO case_events (id, case_id, organisation_id, actor_user_id, at, kind, params, detail_enc)
  SELECT id, case_id, organisation_id, actor_user_id, at, kind, params, detail_enc
  FROM jsonb_populate_recordset(NULL::case_events, coalesce(p_rows->'events', '[]'));

  PERFORM refuge_audit((v_audit->>'actor_user_id')::uuid, (v_audit->>'organisation_id')::uuid, v_audit->>'action',
    v_audit->>'resource_type', v_audit->>'resource_id', v_audit->>'request_id', v_audit->'details');

  IF jsonb_typeof(p_rows->'idempotency') = 'object' THEN
    INSERT INTO idempotency_keys (id, user_id, organisation_id, idempotency_key, operation, response_status, record_enc,
      created_at)
    SELECT id, user_id, organisation_id, idempotency_key, operation, response_status, record_enc, created_at
    FROM jsonb_populate_record(NULL::idempotency_keys, p_rows->'idempotency')
    ON CONFLICT (user_id, idempotency_key) DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'this Idempotency-Key was kept by another request' USING ERRCODE = 'RF409';
    END IF;
  END IF;

  -- Counted last: the account's row is locked from here to the commit only. Over the limit here means concurrent
  -- registrations passed the peek together; this one rolls back whole (the service counts its hit and says 429).
  IF NOT v_counted THEN
    SELECT h.hits INTO v_hits FROM refuge_registration_hit(p_now, p_window_seconds) h;
    IF v_hits > p_limit THEN
      RAISE EXCEPTION 'registration rate limit reached by a concurrent registration of this account'
        USING ERRCODE = 'RF429';
    END IF;
  END IF;

  RETURN jsonb_build_object('registered', true);
END $$;
`;
