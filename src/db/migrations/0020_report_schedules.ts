/**
 * Scheduled situation reports (issue #14). A schedule belongs to an organisation and runs as the
 * account that made it (through a background job with that account's short-lived session), so a
 * scheduled report never shows more than its author could download by hand; the PDF is stored
 * encrypted like any file (blobs) and listed for the organisation only.
 *
 * Row-level security: an organisation sees and changes only its own schedules and reports. The
 * scheduler claims due schedules as the system (owner connection) and only advances next_run_at.
 */
export const sql = /* sql */ `
CREATE TABLE report_schedules (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL,
  cadence text NOT NULL CHECK (cadence IN ('daily', 'weekly')),
  hour_utc integer NOT NULL CHECK (hour_utc BETWEEN 0 AND 23),
  weekday integer CHECK (weekday BETWEEN 0 AND 6),
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz,
  CHECK (cadence = 'daily' OR weekday IS NOT NULL)
);
CREATE INDEX report_schedules_due ON report_schedules (next_run_at);

CREATE TABLE generated_reports (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  schedule_id uuid REFERENCES report_schedules(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  sha256 text NOT NULL REFERENCES blobs(sha256),
  size bigint NOT NULL,
  filename text NOT NULL
);
CREATE INDEX generated_reports_org ON generated_reports (organisation_id, created_at DESC);

ALTER TABLE report_schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE report_schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON report_schedules AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY report_schedules_own ON report_schedules FOR ALL TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()))
  WITH CHECK (organisation_id = (SELECT refuge_org_id()));
GRANT SELECT, INSERT, DELETE ON report_schedules TO refuge_app;

ALTER TABLE generated_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE generated_reports FORCE ROW LEVEL SECURITY;
CREATE POLICY refuge_signed_in ON generated_reports AS RESTRICTIVE FOR ALL TO refuge_app
  USING ((SELECT refuge_user_id()) IS NOT NULL) WITH CHECK ((SELECT refuge_user_id()) IS NOT NULL);
CREATE POLICY generated_reports_own ON generated_reports FOR SELECT TO refuge_app
  USING (organisation_id = (SELECT refuge_org_id()));
GRANT SELECT ON generated_reports TO refuge_app;
`;
