/**
 * The acting user and organisation of a transaction (refuge_session_actor, 0006), found by the session's key.
 *
 * Why: row-level security calls it about seventeen times per registration (once per policy's InitPlan). Written as
 * one join with the token's hash computed inside the WHERE clause, PostgreSQL planned it from the small tables
 * outwards — hash every membership, join organisations, then probe sessions by user and hash the token again for
 * each of them: 85 us a call on a database with 24 accounts, about half of a registration's database CPU. The hash
 * is now computed once, the session is read by its primary key, and membership and second factor are checked for
 * that one row only (subqueries with LIMIT, which the planner keeps as per-row checks): 16 us a call.
 *
 * The answer is the same: nulls without a token, for an unknown or expired session (on the database's clock), a
 * session whose user is no longer a member of its organisation, or one that still owes its second factor.
 */
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION refuge_session_actor(OUT user_id uuid, OUT organisation_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_hash text := encode(sha256(convert_to(nullif(current_setting('refuge.session_token', true), ''), 'UTF8')), 'hex');
BEGIN
  IF v_hash IS NULL THEN
    RETURN;
  END IF;
  SELECT s.user_id, s.organisation_id INTO user_id, organisation_id
  FROM public.sessions s
  WHERE s.token_hash = v_hash
    AND s.db_expires_at > now()
    AND (SELECT true FROM public.memberships m
         WHERE m.user_id = s.user_id AND m.organisation_id = s.organisation_id LIMIT 1)
    AND (s.second_factor_passed
         OR (SELECT NOT u.totp_enabled AND NOT (o.require_totp AND NOT u.totp_exempt)
             FROM public.users u, public.organisations o
             WHERE u.id = s.user_id AND o.id = s.organisation_id LIMIT 1));
END $$;
`;
