/**
 * Deployment mode and production sign-in (issue #8 §2 and §6).
 *
 * `deployment` holds one row: whether this database is a demo (fictional data, public demo
 * sign-ins) or production. It is decided once, when the demo is loaded into an empty database or
 * when the first real organisation is created, and only `refuge demo purge` turns a demo into
 * production. Existing databases are classified here: any real organisation makes them production
 * (demo accounts then stop signing in and `/api/demo` stops answering); only demo organisations
 * make them a demo; none leaves the mode undecided.
 *
 * `account_tokens` holds administrator-issued one-time codes (TOTP enrolment, password reset), by
 * hash only. `users.totp_last_step` makes a TOTP code usable once; `users.password_changed_at`
 * records the last change. PostgreSQL 15 and PGlite compatible.
 */
export const sql = /* sql */ `
CREATE TABLE deployment (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  mode text NOT NULL CHECK (mode IN ('demo','production')),
  decided_at timestamptz NOT NULL DEFAULT now(),
  demo_purged_at timestamptz
);
INSERT INTO deployment(mode)
  SELECT CASE WHEN EXISTS (SELECT 1 FROM organisations WHERE NOT is_demo) THEN 'production' ELSE 'demo' END
  WHERE EXISTS (SELECT 1 FROM organisations);

CREATE TABLE account_tokens (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id),
  purpose text NOT NULL CHECK (purpose IN ('totp_enrolment','password_reset')),
  issued_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_user ON account_tokens(user_id, purpose);

ALTER TABLE users ADD COLUMN totp_last_step bigint;
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;

GRANT SELECT ON deployment TO refuge_app;
`;
