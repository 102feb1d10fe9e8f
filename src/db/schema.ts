import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables. Timestamps are ISO strings (see the type parsers in database.ts). */
type Timestamp = string;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: string; slug: string; name: string; kind: string; nationalities_served: string[]; city: string | null;
  require_totp: Generated<boolean>; is_demo: Generated<boolean>; created_at: Generated<Timestamp>;
}
export interface UsersTable {
  id: string; email: string; display_name: string; password_hash: string; locale: Generated<string>;
  totp_secret_enc: string | null; totp_enabled: Generated<boolean>; totp_exempt: Generated<boolean>;
  failed_logins: Generated<number>; locked_until: string | null; is_demo: Generated<boolean>; created_at: Generated<Timestamp>;
}
export interface MembershipsTable { user_id: string; organisation_id: string; role: string; created_at: Generated<Timestamp> }
export interface PermissionsTable { role: string; action: string; resource: string; scope: string }
export interface SessionsTable {
  token_hash: string; user_id: string; organisation_id: string | null; csrf_token: string; second_factor_passed: boolean;
  created_at: Generated<Timestamp>; last_seen_at: Generated<Timestamp>; expires_at: string;
}
export interface RateLimitsTable { key: string; window_start: string; hits: number }
export interface JobsTable {
  id: string; kind: string; payload: Json<unknown>; status: Generated<string>; progress: ColumnType<unknown, string | undefined, string>;
  result: Json<unknown> | null; error: string | null; attempts: Generated<number>; run_after: Generated<Timestamp>;
  locked_by: string | null; locked_at: string | null; organisation_id: string | null; created_by: string | null;
  created_at: Generated<Timestamp>; finished_at: string | null;
}
export interface BlobsTable { sha256: string; size: number; content_type: string; key_enc: string; created_at: Generated<Timestamp> }
export interface AuditEventsTable {
  seq: Generated<number>; payload: string; prev_hash: string; hash: string; at: Generated<Timestamp>;
  actor_user_id: string | null; organisation_id: string | null; action: string; resource_type: string; resource_id: string | null;
}
export interface SurvivorsTable {
  id: string; organisation_id: string; registered_by: string | null; registered_at: Generated<Timestamp>;
  identity_enc: string; location_enc: string | null; sex: string; age_band: string | null; nationalities: string[];
  languages: string[]; document_status: string; location_kind: Generated<string>; location_organisation_id: string | null;
  compound_ref: string | null; exit_mode: Generated<string>; exit_date: string | null; consent_own_embassy: Generated<boolean>;
  consent_organisation_ids: Generated<string[]>; consent_statistics: Generated<boolean>; is_demo: Generated<boolean>;
}
export interface CasesTable {
  id: string; survivor_id: string; organisation_id: string; status: Generated<string>; risk_level: Generated<string>;
  assigned_to: string | null; opened_at: Generated<Timestamp>; updated_at: Generated<Timestamp>;
}
export interface AlertsTable {
  id: string; kind: string; organisation_id: string | null; severity: string; rank: Generated<number>; title: string; dedupe_key: string;
  subject_type: string; subject_id: string | null; details: ColumnType<unknown, string | undefined, string>; status: Generated<string>;
  created_at: Generated<Timestamp>; updated_at: Generated<Timestamp>; acknowledged_by: string | null; acknowledged_at: string | null;
}
export interface SchemaMigrationsTable { name: string; checksum: string; applied_at: Generated<Timestamp> }

export interface Schema {
  organisations: OrganisationsTable; users: UsersTable; memberships: MembershipsTable; permissions: PermissionsTable;
  sessions: SessionsTable; rate_limits: RateLimitsTable; jobs: JobsTable; blobs: BlobsTable; audit_events: AuditEventsTable;
  survivors: SurvivorsTable; cases: CasesTable; alerts: AlertsTable; schema_migrations: SchemaMigrationsTable;
}
