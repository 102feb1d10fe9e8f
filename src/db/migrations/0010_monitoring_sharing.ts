/**
 * Shared monitoring objects across organisations (issue #8 §3):
 *
 * 1. Photo metadata. A `verifier` role (read `evidence_metadata` everywhere, in a monitor
 *    organisation; see core/evidence/metadata-disclosure.ts). `evidence.position_from_exif` marks
 *    a map point and compound proposal placed from the file's EXIF GPS, so that derived fact is
 *    hidden with the metadata. Existing rows: a point with neither a claimed point nor a
 *    geolocation can only have come from EXIF, so it is marked.
 * 2. Edit history. `monitoring_edits` keeps, for every change of an evidence item or compound,
 *    who, which organisation, when, which fields, and the previous and new values (encrypted:
 *    descriptions and notes are free text). Append-only; readable by whoever can read the object.
 *    `compounds.organisation_id` records the organisation that registered a compound (its owner);
 *    existing compounds get their creator's organisation when the creator has exactly one.
 * 3. Shared alerts (organisation_id NULL) are acknowledged per organisation in
 *    `alert_acknowledgements`; the shared row itself can no longer be 'acknowledged' (a CHECK), and
 *    only the owner of its subject or a coordination organisation may close (dismiss) or reopen it
 *    for everyone (a trigger, for any role that does not own the table). Existing acknowledgements of
 *    shared alerts become acknowledgements of the acknowledging user's organisations.
 * PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
ALTER TABLE memberships DROP CONSTRAINT memberships_role_check;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_check
  CHECK (role IN ('admin','caseworker','consular_officer','medic','analyst','viewer','verifier'));

ALTER TABLE evidence ADD COLUMN position_from_exif boolean NOT NULL DEFAULT false;
UPDATE evidence SET position_from_exif = true WHERE lon IS NOT NULL AND claimed_point IS NULL AND geolocation IS NULL;

ALTER TABLE compounds ADD COLUMN organisation_id uuid REFERENCES organisations(id);
UPDATE compounds c SET organisation_id = (SELECT min(m.organisation_id::text)::uuid FROM memberships m WHERE m.user_id = c.created_by)
  WHERE c.created_by IS NOT NULL
    AND (SELECT count(DISTINCT m.organisation_id) FROM memberships m WHERE m.user_id = c.created_by) = 1;

CREATE TABLE monitoring_edits (
  id uuid PRIMARY KEY,
  -- Order of recording (two changes in the same millisecond keep their order).
  seq bigint GENERATED ALWAYS AS IDENTITY,
  subject_type text NOT NULL CHECK (subject_type IN ('evidence','compound')),
  subject_id uuid NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL,
  action text NOT NULL,
  fields text[] NOT NULL,
  -- {"previous": {...}, "next": {...}} of the changed fields, encrypted (free text inside).
  changes_enc text NOT NULL
);
CREATE INDEX monitoring_edits_subject ON monitoring_edits(subject_type, subject_id, seq);
-- Append-only; the one update allowed is key rotation re-encrypting changes_enc (refuge_app may not update at all).
CREATE FUNCTION refuge_monitoring_edits_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.id, NEW.seq, NEW.subject_type, NEW.subject_id, NEW.organisation_id, NEW.user_id, NEW.at, NEW.action, NEW.fields)
      IS NOT DISTINCT FROM (OLD.id, OLD.seq, OLD.subject_type, OLD.subject_id, OLD.organisation_id, OLD.user_id, OLD.at, OLD.action, OLD.fields) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'monitoring_edits is append-only';
END $$;
CREATE TRIGGER monitoring_edits_append_only BEFORE UPDATE OR DELETE ON monitoring_edits
  FOR EACH ROW EXECUTE FUNCTION refuge_monitoring_edits_append_only();
ALTER TABLE monitoring_edits ENABLE ROW LEVEL SECURITY;
ALTER TABLE monitoring_edits FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON monitoring_edits AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
-- Read with the object: compounds are shared; an evidence item's history only where the item itself is visible.
CREATE POLICY monitoring_edits_read ON monitoring_edits FOR SELECT TO refuge_app
  USING (subject_type = 'compound' OR EXISTS (SELECT 1 FROM evidence e WHERE e.id = monitoring_edits.subject_id));
CREATE POLICY monitoring_edits_append ON monitoring_edits FOR INSERT TO refuge_app
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND user_id = (SELECT refuge_user_id()));
GRANT SELECT, INSERT ON monitoring_edits TO refuge_app;

CREATE TABLE alert_acknowledgements (
  alert_id uuid NOT NULL REFERENCES alerts(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  acknowledged_by uuid NOT NULL REFERENCES users(id),
  acknowledged_at timestamptz NOT NULL,
  PRIMARY KEY (alert_id, organisation_id)
);
ALTER TABLE alert_acknowledgements ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_acknowledgements FORCE ROW LEVEL SECURITY;
-- Nothing without a signed-in session (0006's guard, on every table with row-level security).
CREATE POLICY refuge_signed_in ON alert_acknowledgements AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY alert_acknowledgements_own_org ON alert_acknowledgements FOR ALL TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()))
  WITH CHECK (organisation_id = (SELECT refuge_org_id()) AND acknowledged_by = (SELECT refuge_user_id()));
GRANT SELECT, INSERT, DELETE ON alert_acknowledgements TO refuge_app;

INSERT INTO alert_acknowledgements (alert_id, organisation_id, acknowledged_by, acknowledged_at)
  SELECT a.id, m.organisation_id, a.acknowledged_by, coalesce(a.acknowledged_at, a.updated_at)
  FROM alerts a JOIN memberships m ON m.user_id = a.acknowledged_by
  WHERE a.organisation_id IS NULL AND a.status = 'acknowledged'
  ON CONFLICT DO NOTHING;
UPDATE alerts SET status = 'open', acknowledged_by = NULL, acknowledged_at = NULL
  WHERE organisation_id IS NULL AND status = 'acknowledged';
ALTER TABLE alerts ADD CONSTRAINT alerts_shared_acknowledged_per_organisation
  CHECK (organisation_id IS NOT NULL OR status <> 'acknowledged');

-- Whether the acting organisation may close or reopen a shared alert for everyone: a coordination
-- organisation, or the owner of the alert's subject (a compound: the organisation that registered it).
CREATE FUNCTION refuge_may_close_shared_alert(p_subject_type text, p_subject_id text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM organisations o WHERE o.id = (SELECT refuge_org_id()) AND o.kind = 'coordination')
      OR (p_subject_type = 'compound' AND EXISTS (
            SELECT 1 FROM compounds c WHERE c.id::text = p_subject_id AND c.organisation_id = (SELECT refuge_org_id())))
$$;
GRANT EXECUTE ON FUNCTION refuge_may_close_shared_alert(text, text) TO refuge_app;

CREATE FUNCTION refuge_shared_alert_close_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.organisation_id IS NULL AND NEW.status IS DISTINCT FROM OLD.status
     AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE')
     AND NOT refuge_may_close_shared_alert(OLD.subject_type, OLD.subject_id) THEN
    RAISE EXCEPTION 'only the owner of a shared alert or coordination may close it for everyone' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER alerts_shared_close_guard BEFORE UPDATE ON alerts
  FOR EACH ROW EXECUTE FUNCTION refuge_shared_alert_close_guard();
`;
