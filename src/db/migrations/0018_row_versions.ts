/**
 * Lost updates: cases, needs, evidence and compounds carry a version that every UPDATE raises by one
 * (a trigger, so no write path can forget it). A service compares the version the editor saw
 * (If-Match) with the row's, read under the row lock, and refuses with 409 when they differ.
 * The column is not writable by the request role: only the trigger moves it.
 */
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION refuge_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  RETURN NEW;
END $$;

ALTER TABLE cases ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE needs ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE evidence ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE compounds ADD COLUMN version integer NOT NULL DEFAULT 1;

CREATE TRIGGER cases_version BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION refuge_bump_version();
CREATE TRIGGER needs_version BEFORE UPDATE ON needs FOR EACH ROW EXECUTE FUNCTION refuge_bump_version();
CREATE TRIGGER evidence_version BEFORE UPDATE ON evidence FOR EACH ROW EXECUTE FUNCTION refuge_bump_version();
CREATE TRIGGER compounds_version BEFORE UPDATE ON compounds FOR EACH ROW EXECUTE FUNCTION refuge_bump_version();
`;
