/**
 * The session lookup every API request starts with (sessions.repository loadSessionBundle) as a function, so its plan
 * is kept. Sent as a statement, PostgreSQL parsed and planned its three joins and subquery on every request: 260-300 us
 * of the backend's CPU, against 90 us for this function (PL/pgSQL keeps its statement's plan per connection), on the
 * two-core machine where the database and the server share the cores. Named prepared statements from the driver would
 * do the same but are not used (PgBouncer's transaction pooling, docs/operations/scaling.md). The statement is the
 * one the repository sent; the owner connection calls it, and the request role may not (it cannot read sessions).
 */
export const sql = /* sql */ `
CREATE FUNCTION refuge_session_bundle(p_token_hash text) RETURNS TABLE (s json, u json, m json)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT row_to_json(ss.*), row_to_json(uu.*),
    coalesce((SELECT json_agg(json_build_object('role', mm.role, 'o', row_to_json(o.*)) ORDER BY o.name, mm.role)
              FROM memberships mm JOIN organisations o ON o.id = mm.organisation_id
              WHERE mm.user_id = ss.user_id), '[]'::json)
  FROM sessions ss JOIN users uu ON uu.id = ss.user_id
  WHERE ss.token_hash = p_token_hash;
END $$;
REVOKE ALL ON FUNCTION refuge_session_bundle(text) FROM PUBLIC;
`;
