/**
 * The audit log becomes a transparency log (RFC 9162 style) that the database owner cannot
 * rewrite unnoticed:
 * - appends no longer take a global lock or read the previous hash: they insert an unsealed row;
 *   a background sealer gives committed rows contiguous leaf indices, stores their leaf hashes and
 *   a tree head signed with an Ed25519 key that is NOT in the database (src/services/audit.service.ts);
 * - the hash-chain columns (payload, prev_hash, hash) go: every column is now a column, and the
 *   leaf hash covers all of them; payload's details and request id move into their own columns;
 * - refuge_app may append only through refuge_audit_record, which takes the actor and the
 *   organisation from refuge_user_id()/refuge_org_id() and the time from the database clock;
 *   the raw refuge_audit_append (any actor, any organisation) is dropped;
 * - every existing custody entry is anchored by an audit entry carrying its hash, so deleting or
 *   editing a custody entry is visible in the signed tree.
 */
export const sql = /* sql */ `
ALTER TABLE audit_events DISABLE TRIGGER audit_append_only;
ALTER TABLE audit_events
  ADD COLUMN request_id text,
  ADD COLUMN details jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN leaf_index bigint UNIQUE,
  ADD COLUMN leaf_hash text,
  ADD CONSTRAINT audit_sealed_pair CHECK ((leaf_index IS NULL) = (leaf_hash IS NULL));
UPDATE audit_events SET
  details = CASE WHEN jsonb_typeof(payload::jsonb -> 'details') = 'object' THEN payload::jsonb -> 'details' ELSE '{}'::jsonb END,
  request_id = payload::jsonb ->> 'requestId';
ALTER TABLE audit_events DROP COLUMN payload, DROP COLUMN prev_hash, DROP COLUMN hash;
ALTER TABLE audit_events ENABLE TRIGGER audit_append_only;
DROP FUNCTION refuge_audit_append(text, uuid, uuid, text, text, text);
CREATE INDEX audit_unsealed ON audit_events(seq) WHERE leaf_index IS NULL;

-- Append-only, except that the sealer may set leaf_index/leaf_hash once and change nothing else.
CREATE OR REPLACE FUNCTION refuge_audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.leaf_index IS NULL AND NEW.leaf_index IS NOT NULL
       AND (NEW.seq, NEW.at, NEW.actor_user_id, NEW.organisation_id, NEW.action, NEW.resource_type, NEW.resource_id, NEW.request_id, NEW.details)
           IS NOT DISTINCT FROM (OLD.seq, OLD.at, OLD.actor_user_id, OLD.organisation_id, OLD.action, OLD.resource_type, OLD.resource_id, OLD.request_id, OLD.details) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION refuge_audit_forbid_change();
CREATE TRIGGER custody_no_truncate BEFORE TRUNCATE ON evidence_custody FOR EACH STATEMENT EXECUTE FUNCTION refuge_audit_forbid_change();

-- Signed tree heads, one per sealed batch. frontier = roots of the perfect subtrees on the right
-- edge, so the next batch extends the tree without reading old leaves.
CREATE TABLE audit_tree_heads (
  tree_size bigint PRIMARY KEY,
  root_hash text NOT NULL,
  frontier jsonb NOT NULL,
  signed_at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL
);
CREATE TRIGGER audit_tree_heads_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_tree_heads
  FOR EACH STATEMENT EXECUTE FUNCTION refuge_audit_forbid_change();

-- The owner's append (CLI, jobs, sign-in, start-up): any actor, because the owner is the system.
CREATE FUNCTION refuge_audit_append_system(p_actor uuid, p_org uuid, p_action text, p_resource_type text, p_resource_id text, p_request_id text, p_details jsonb)
RETURNS bigint LANGUAGE sql SECURITY INVOKER SET search_path = public AS $$
  INSERT INTO audit_events(at, actor_user_id, organisation_id, action, resource_type, resource_id, request_id, details)
  VALUES (clock_timestamp(), p_actor, p_org, p_action, p_resource_type, p_resource_id, p_request_id, coalesce(p_details, '{}'::jsonb))
  RETURNING seq
$$;
REVOKE ALL ON FUNCTION refuge_audit_append_system(uuid, uuid, text, text, text, text, jsonb) FROM PUBLIC;

-- The app role's append: who and where come from the transaction's (unforgeable) actor, the time
-- from the database clock. A transaction without a user cannot append (no forged system events).
CREATE FUNCTION refuge_audit_record(p_action text, p_resource_type text, p_resource_id text, p_request_id text, p_details jsonb)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_user uuid := refuge_user_id();
  v_seq bigint;
BEGIN
  IF v_user IS NULL THEN
    RAISE EXCEPTION 'audit: no signed-in user in this transaction' USING ERRCODE = '42501';
  END IF;
  INSERT INTO audit_events(at, actor_user_id, organisation_id, action, resource_type, resource_id, request_id, details)
  VALUES (clock_timestamp(), v_user, refuge_org_id(), p_action, p_resource_type, p_resource_id, p_request_id, coalesce(p_details, '{}'::jsonb))
  RETURNING seq INTO v_seq;
  RETURN v_seq;
END $$;
REVOKE ALL ON FUNCTION refuge_audit_record(text, text, text, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION refuge_audit_record(text, text, text, text, jsonb) TO refuge_app;

-- One call for the application: the owner appends as the given actor; anyone without INSERT on
-- audit_events (refuge_app) goes through refuge_audit_record, which ignores p_actor and p_org.
CREATE FUNCTION refuge_audit(p_actor uuid, p_org uuid, p_action text, p_resource_type text, p_resource_id text, p_request_id text, p_details jsonb)
RETURNS bigint LANGUAGE plpgsql SECURITY INVOKER SET search_path = public AS $$
BEGIN
  IF has_table_privilege('audit_events', 'INSERT') THEN
    RETURN refuge_audit_append_system(p_actor, p_org, p_action, p_resource_type, p_resource_id, p_request_id, p_details);
  END IF;
  RETURN refuge_audit_record(p_action, p_resource_type, p_resource_id, p_request_id, p_details);
END $$;
GRANT EXECUTE ON FUNCTION refuge_audit(uuid, uuid, text, text, text, text, jsonb) TO refuge_app;

REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_events, audit_tree_heads FROM refuge_app;

-- Anchor every custody entry written before this migration.
INSERT INTO audit_events(at, actor_user_id, organisation_id, action, resource_type, resource_id, request_id, details)
SELECT clock_timestamp(), NULL, NULL, 'evidence.custody_anchor', 'evidence', c.evidence_id::text, NULL,
       jsonb_build_object('custody', c.action, 'custodySeq', c.seq, 'custodyHash', c.hash)
FROM evidence_custody c ORDER BY c.evidence_id, c.seq;
`;
