/**
 * A registration derives its actor once, not once per policy (issue #13).
 *
 * Why: refuge_register_survivor (0027, 0030) ran as refuge_app under row-level security, and every policy it met
 * asked for the actor again — refuge_signed_in and the organisation policy of each of seven inserts, the timeline's
 * look at its case, the rate limit and the audit entry: 19 calls of refuge_session_actor per registration, each a
 * SECURITY DEFINER call that hashes the token and reads sessions and memberships. pg_stat_user_functions
 * (track_functions = all, `npx tsx bench/registration-cpu.ts --engines postgresql`, 3,000 registrations one after
 * another) gave them 584 of the function's 1,953 us per registration.
 *
 * Now the function is SECURITY DEFINER (the tables' owner writes, as refuge_consular_queue_refresh and the audit
 * append do) and checks, once, what those policies checked for each row: a valid session, and every row in the
 * actor's own organisation — survivor, case, consent, follow-up, each need, job and timeline entry — and an
 * Idempotency-Key of the actor's own account. Anything else raises 42501 and writes nothing, as a policy's refusal
 * did. The audit entry is attributed to the session's actor (refuge_audit_append_system with the derived user and
 * organisation), never to the rows sent. Arguments, answers, errors and privileges are unchanged: EXECUTE only for
 * refuge_app (0027), and the rate limit is still counted by refuge_registration_peek / refuge_registration_hit on
 * the session's own account.
 */
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION refuge_register_survivor(
  p_token text,
  p_now timestamptz,
  p_window_seconds integer,
  p_limit bigint,
  p_registering_kinds text[],
  p_checks jsonb,
  p_rows jsonb
) RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_user uuid;
  v_actor_org uuid;
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
  -- The actor of this call, derived once from the session token (as every policy derives it for refuge_app). The
  -- token is set for this call alone: a function with a SET clause undoes its SET LOCALs when it returns.
  PERFORM set_config('refuge.session_token', p_token, true);
  SELECT a.user_id, a.organisation_id INTO v_user, v_actor_org FROM refuge_session_actor() a;

  -- No valid session: nothing to count against, and the row check below refuses it (the service says 403).
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

  -- What the tables' policies check for refuge_app (refuge_signed_in on each; survivors_own_org, cases_own_org,
  -- consent_versions_by_survivor, follow_ups_own_org, needs_own_org, jobs_own_org, case_events_write,
  -- idempotency_keys_own), checked here once against the actor derived above: this function writes as the tables'
  -- owner. No valid session, or any row outside the caller's own organisation, and nothing is written.
  IF v_user IS NULL
    OR (p_rows->'survivor'->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org
    OR (p_rows->'case'->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org
    OR (jsonb_typeof(p_rows->'consent') = 'object'
      AND (p_rows->'consent'->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org)
    OR (p_rows->'follow_up'->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org
    OR (p_rows->'job'->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(p_rows->'needs', '[]') || coalesce(p_rows->'events', '[]')) r
      WHERE (r->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org)
    OR (jsonb_typeof(p_rows->'idempotency') = 'object'
      AND ((p_rows->'idempotency'->>'user_id')::uuid IS DISTINCT FROM v_user
        OR (p_rows->'idempotency'->>'organisation_id')::uuid IS DISTINCT FROM v_actor_org)) THEN
    RAISE EXCEPTION 'registration: every row must be in the signed-in caller''s own organisation' USING ERRCODE = '42501';
  END IF;

  -- One statement per table, in the order of the foreign keys.
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

  -- Who did it comes from the session, as refuge_audit_record attributes it, not from the rows sent.
  PERFORM refuge_audit_append_system(v_user, v_actor_org, v_audit->>'action', v_audit->>'resource_type',
    v_audit->>'resource_id', v_audit->>'request_id', v_audit->'details');

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
