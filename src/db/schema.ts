import type { ColumnType, Generated } from 'kysely';
import type { AlertSeverity } from '../core/alerts/rank.ts';
import type { AlertStatus } from '../core/alerts/shared-alerts.ts';
import type { EmergencyDocumentStatus, ExitClearanceStatus } from '../core/cases/consular.ts';
import type { TimelineKind } from '../core/cases/timeline.ts';
import type { ConsentMethod } from '../core/consent/versioned.ts';
import type { HelpRequestStatus } from '../core/help/help-request.ts';
import type { OutboundReason, OutboundStatus } from '../core/help/help-message.ts';
import type { BedGroup } from '../core/capacity/capacity.ts';
import type { CoverageRowMode } from '../core/consular/coverage.ts';
import type { ProtectionFlag } from '../core/triage/protection.ts';
import type { CustodyAction, CustodyDetails } from '../core/evidence/custody-log.ts';
import type { Geolocation } from '../core/evidence/evidence-types.ts';
import type { VerificationRecord } from '../core/evidence/verification.ts';
import type { CompoundOperator, EventCounts, OperatorRole } from '../core/compounds/compound-types.ts';
import type { TimelineEntry as CompoundTimelineEntry } from '../core/compounds/timeline.ts';
import type { FootprintGeometry, PointGeometry } from '../core/geo/geojson-types.ts';
import type { FollowUpOutcome } from '../core/followups/evaluate.ts';
import type { Action, Resource } from '../core/permissions/matrix.ts';
import type { ActorKind } from '../core/articles/actors.ts';
import type { ClaimKind, ClaimStatus } from '../core/articles/claim-types.ts';
import type { ArticleSourceFormat } from '../core/articles/article-text.ts';
import type { ConsentBasis } from '../core/referrals/can-refer.ts';
import type { ReportCadence } from '../core/reports/schedule.ts';
import type { ReferralMessageKind } from '../core/referrals/exchange.ts';
import type { TracingConsentBasis, TracingProposalState, TracingRequesterKind } from '../core/tracing/tracing.ts';
import type { DeathContext } from '../core/deaths/deaths.ts';
import type {
  AgeBand,
  AlertKind,
  CaseStatus,
  CompoundStatus,
  DocumentStatus,
  EventKind,
  EvidenceKind,
  ExitMode,
  JobStatus,
  LinkState,
  LocationKind,
  NeedKind,
  NeedPriority,
  NeedStatus,
  OrganisationKind,
  ProposalOrigin,
  ProposalStatus,
  ReferralState,
  RiskLevel,
  Role,
  Scope,
  ScreeningOutcome,
  SensitivityLevel,
  Sex,
  VerificationState,
} from '../core/vocabulary.ts';

/**
 * Kysely's view of the tables. Timestamps are ISO strings (see the type parsers in database.ts).
 * Columns with a CHECK list take their type from core's vocabulary, so a new value or a renamed
 * column fails to compile wherever rows are read or written; repositories derive their row types
 * from these with Selectable / Insertable / Updateable.
 */
type Timestamp = string;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationsTable {
  id: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  nationalities_served: string[];
  city: string | null;
  require_totp: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Generated<Timestamp>;
}
export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string;
  locale: Generated<string>;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_exempt: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  is_demo: Generated<boolean>;
  created_at: Generated<Timestamp>;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  password_changed_at: ColumnType<string | null, string | null | undefined, string | null>;
}
export interface MembershipsTable {
  user_id: string;
  organisation_id: string;
  role: Role;
  created_at: Generated<Timestamp>;
}
export interface PermissionsTable {
  role: Role;
  action: Action;
  resource: Resource;
  scope: Scope;
}
export interface SessionsTable {
  token_hash: string;
  user_id: string;
  organisation_id: string | null;
  csrf_token: string;
  second_factor_passed: boolean;
  created_at: Generated<Timestamp>;
  last_seen_at: Generated<Timestamp>;
  expires_at: string;
  /** Expiry on the database's own clock, set by trigger (0006); what row-level security checks. */
  db_expires_at: Generated<Timestamp>;
}
export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}
/** A running job's progress as stored (jobs.progress). */
export interface JobProgress {
  phase?: string;
  done?: number;
  total?: number;
}
export interface JobsTable {
  id: string;
  kind: string;
  payload: Json<unknown>;
  status: Generated<JobStatus>;
  progress: ColumnType<JobProgress, string | undefined, string>;
  result: Json<unknown> | null;
  error: string | null;
  attempts: Generated<number>;
  run_after: Generated<Timestamp>;
  locked_by: string | null;
  locked_at: string | null;
  organisation_id: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  finished_at: string | null;
}
export interface BlobsTable {
  sha256: string;
  size: number;
  content_type: string;
  key_enc: string;
  created_at: Generated<Timestamp>;
}
export interface AuditEventsTable {
  seq: Generated<number>;
  at: Generated<Timestamp>;
  actor_user_id: string | null;
  organisation_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  request_id: string | null;
  details: Generated<unknown>;
  leaf_index: number | null;
  leaf_hash: string | null;
}
export interface AuditTreeHeadsTable {
  tree_size: number;
  root_hash: string;
  frontier: unknown;
  signed_at: Timestamp;
  key_id: string;
  signature: string;
}
export interface SurvivorsTable {
  id: string;
  organisation_id: string;
  registered_by: string | null;
  registered_at: Generated<Timestamp>;
  identity_enc: string;
  location_enc: string | null;
  sex: Sex;
  age_band: AgeBand | null;
  nationalities: string[];
  languages: string[];
  document_status: DocumentStatus;
  location_kind: Generated<LocationKind>;
  location_organisation_id: string | null;
  compound_ref: string | null;
  compound_id: string | null;
  exit_mode: Generated<ExitMode>;
  exit_date: string | null;
  consent_own_embassy: Generated<boolean>;
  consent_organisation_ids: Generated<string[]>;
  consent_statistics: Generated<boolean>;
  is_demo: Generated<boolean>;
  consent_version: Generated<number>;
  consent_cross_org_matching: Generated<boolean>;
  /** Consent per nationality (0013): the nationalities whose consular service may see them; null = all. */
  consent_embassy_nationalities: string[] | null;
  /** core/triage protection flags (0013); own organisation only. */
  protection_flags: Generated<ProtectionFlag[]>;
  consent_testimony: Generated<boolean>;
}
export interface CasesTable {
  id: string;
  survivor_id: string;
  organisation_id: string;
  status: Generated<CaseStatus>;
  risk_level: Generated<RiskLevel>;
  assigned_to: string | null;
  opened_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  risk_at_last_contact: RiskLevel | null;
  /** Raised by every UPDATE (0018); compared with If-Match. */
  version: Generated<number>;
}
export interface AlertsTable {
  id: string;
  kind: AlertKind;
  organisation_id: string | null;
  severity: AlertSeverity;
  rank: Generated<number>;
  title: string;
  dedupe_key: string;
  subject_type: string;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<AlertStatus>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}
/** One name of a compound as stored, with its language when known. */
export interface CompoundName {
  name: string;
  lang: string | null;
}
export interface CompoundsTable {
  id: string;
  names: Json<CompoundName[]>;
  aliases: string[];
  search_text: string;
  province: string | null;
  district: string | null;
  point: Json<PointGeometry> | null;
  footprint: Json<FootprintGeometry> | null;
  operators: Json<CompoundOperator[]>;
  notes: string | null;
  external_ref: string | null;
  status: Generated<CompoundStatus>;
  status_since: string | null;
  status_confidence: number | null;
  timeline: ColumnType<CompoundTimelineEntry[], string | undefined, string>;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  is_demo: Generated<boolean>;
  organisation_id: string | null;
  /** Raised by every UPDATE (0018); compared with If-Match. */
  version: Generated<number>;
  country: Generated<string>;
}
/** Evidence metadata as stored (EXIF and file facts, already reduced to what may be kept). */
export type EvidenceMetadata = Record<string, string | number | boolean | null>;
/** The compound an evidence item's position points to, as stored (evidence.proposed_compound). */
export interface CompoundProposalStored {
  compoundId: string;
  how: 'inside' | 'nearest';
  distanceMeters: number;
  confidence: 'asserted' | 'proposed';
  basis: 'verified' | 'claimed';
}
export interface EvidenceTable {
  id: string;
  kind: EvidenceKind;
  title: string | null;
  description: string | null;
  testimony_enc: string | null;
  organisation_id: string | null;
  sha256: string | null;
  content_type: string | null;
  size_bytes: number | null;
  display_name: string | null;
  file_name_findings: Generated<string[]>;
  metadata: ColumnType<EvidenceMetadata, string | undefined, string>;
  thumbnail_sha256: string | null;
  perceptual_hash: string | null;
  duplicate_of: string | null;
  source_publisher: string | null;
  source_url: string | null;
  source_original_sha256: string | null;
  acquired_from: string | null;
  acquired_at: string;
  acquired_by: string | null;
  claimed_captured_at: string | null;
  claimed_place_text: string | null;
  claimed_point: Json<PointGeometry> | null;
  verified_captured_at: string | null;
  verified_captured_at_method: string | null;
  geolocation: Json<Geolocation> | null;
  lon: number | null;
  lat: number | null;
  map_day: string | null;
  verification_state: Generated<VerificationState>;
  verification_history: ColumnType<VerificationRecord[], string | undefined, string>;
  sensitivity: SensitivityLevel;
  compound_id: string | null;
  proposed_compound: Json<CompoundProposalStored> | null;
  retracted_at: string | null;
  retracted_by: string | null;
  retracted_reason: string | null;
  custody_head: string | null;
  custody_seq: Generated<number>;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  is_demo: Generated<boolean>;
  position_from_exif: Generated<boolean>;
  /** Raised by every UPDATE (0018); compared with If-Match. */
  version: Generated<number>;
}
export interface MonitoringEditsTable {
  id: string;
  seq: Generated<number>;
  subject_type: 'evidence' | 'compound';
  subject_id: string;
  organisation_id: string;
  user_id: string;
  at: string;
  action: string;
  fields: string[];
  changes_enc: string;
}
export interface AlertAcknowledgementsTable {
  alert_id: string;
  organisation_id: string;
  acknowledged_by: string;
  acknowledged_at: Timestamp;
}
export interface EvidenceCustodyTable {
  evidence_id: string;
  seq: number;
  actor_id: string;
  action: CustodyAction;
  at: string;
  details: Json<CustodyDetails>;
  previous_hash: string | null;
  hash: string;
}
export interface CompoundEventsTable {
  id: string;
  compound_id: string;
  kind: EventKind;
  date: string;
  date_end: string | null;
  counts: Json<EventCounts>;
  nationalities: string[];
  confidence: number;
  evidence_ids: string[];
  states_emptied: boolean;
  relocated_to: string | null;
  description: string | null;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
  retracted_at: string | null;
  retracted_by: string | null;
  retracted_reason: string | null;
  is_demo: Generated<boolean>;
}
// Casework (0002).
export interface ConsentVersionsTable {
  survivor_id: string;
  version: number;
  organisation_id: string;
  recorded_by: string | null;
  at: string;
  method: ConsentMethod;
  share_with_own_embassy: boolean;
  share_with_organisation_ids: string[];
  use_in_statistics: boolean;
  changes: Json<string[]>;
  cross_organisation_matching: Generated<boolean>;
  embassy_nationalities: string[] | null;
  testimony_to_monitoring: Generated<boolean>;
}
export interface CaseEventsTable {
  id: string;
  case_id: string;
  organisation_id: string | null;
  actor_user_id: string | null;
  at: string;
  kind: TimelineKind;
  /** Clear text of entries written before 0009; the start-up seal moves it into detail_enc. Never written. */
  summary: string | null;
  params: Json<Record<string, unknown>>;
  detail_enc: string | null;
}
export interface CaseNotesTable {
  id: string;
  case_id: string;
  organisation_id: string;
  author_id: string | null;
  created_at: string;
  body_enc: string;
}
export interface CaseAttachmentsTable {
  id: string;
  case_id: string;
  organisation_id: string;
  sha256: string;
  size: number;
  content_type: string;
  file_name_enc: string;
  uploaded_by: string | null;
  created_at: string;
}
export interface ScreeningsTable {
  id: string;
  case_id: string;
  organisation_id: string;
  answers: Json<Record<string, string>>;
  notes_enc: string | null;
  outcome: ScreeningOutcome;
  rule_version: string;
  rules_met: Json<string[]>;
  recorded_by: string | null;
  recorded_at: string;
}
export interface NeedsTable {
  id: string;
  case_id: string;
  organisation_id: string;
  kind: NeedKind;
  priority: NeedPriority;
  status: Generated<NeedStatus>;
  note_enc: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  urgency_tier: number;
  effective_priority: number;
  age_band: AgeBand | null;
  nationalities: string[];
  location_kind: LocationKind;
  case_risk: RiskLevel;
  /** Raised by every UPDATE (0018); compared with If-Match. */
  version: Generated<number>;
}
export interface ReferralsTable {
  id: string;
  case_id: string;
  survivor_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  need_ids: string[];
  state: Generated<ReferralState>;
  consent_basis: ConsentBasis | 'override';
  share_contact_channel: string | null;
  view_enc: string;
  /** Clear text before 0009 (sealed at start-up into state_reason_enc); never written. */
  state_reason: string | null;
  state_reason_enc: string | null;
  frozen_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
/** 0017: the exchange on a referral, append-only for the application; body_enc seals core ReferralMessageBody. */
export interface ReferralMessagesTable {
  id: string;
  seq: Generated<number>;
  referral_id: string;
  from_organisation_id: string;
  to_organisation_id: string;
  author_organisation_id: string;
  author_user_id: string | null;
  kind: ReferralMessageKind;
  body_enc: string;
  created_at: string;
}
export interface ConsularRecordsTable {
  id: string;
  case_id: string;
  embassy_organisation_id: string;
  case_organisation_id: string;
  emergency_document_status: Generated<EmergencyDocumentStatus>;
  emergency_document_number_enc: string | null;
  emergency_document_issued_at: string | null;
  exit_clearance: Generated<ExitClearanceStatus>;
  flight_date: string | null;
  flight_number: string | null;
  repatriated_at: string | null;
  updated_by: string | null;
  updated_at: string;
}
export interface FollowUpsTable {
  id: string;
  case_id: string;
  organisation_id: string;
  due_at: string;
  completed_at: string | null;
  outcome: FollowUpOutcome | null;
  note_enc: string | null;
  recorded_by: string | null;
  created_at: string;
}
// Matching (0004).
export interface MatchProposalsTable {
  id: string;
  survivor_a: string;
  survivor_b: string;
  organisation_a: string;
  organisation_b: string;
  match_weight: number;
  match_probability: number;
  prior_weight: number;
  levels: Json<Record<string, number>>;
  weights: Json<Record<string, number>>;
  settings_id: string;
  settings_version: number;
  threshold: number;
  origin: ProposalOrigin;
  status: Generated<ProposalStatus>;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
  holder_survivor_id: string | null;
}
export interface LinkRequestsTable {
  id: string;
  proposal_id: string;
  requesting_organisation_id: string;
  target_organisation_id: string;
  state: Generated<LinkState>;
  reason: string | null;
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}
export interface MatchingCandidatesTable {
  id: string;
  seeker_survivor_id: string;
  holder_survivor_id: string;
  seeker_organisation_id: string;
  holder_organisation_id: string;
  account_id: string | null;
  proposal_id: string | null;
  proposed: boolean;
  found_at: string;
}
export interface DeploymentTable {
  singleton: Generated<boolean>;
  mode: 'demo' | 'production';
  decided_at: Generated<Timestamp>;
  demo_purged_at: string | null;
}
export interface AccountTokensTable {
  token_hash: string;
  user_id: string;
  purpose: 'totp_enrolment' | 'password_reset';
  issued_by: string | null;
  created_at: Generated<Timestamp>;
  expires_at: string;
  used_at: string | null;
}
export interface PublicReleasesTable {
  id: string;
  seq: number;
  organisation_id: string;
  created_by: string | null;
  created_at: string;
  minimum_cell: number;
  withheld_for_differencing: number;
  figures: unknown;
}
export interface ReportSchedulesTable {
  id: string;
  organisation_id: string;
  created_by: string | null;
  created_at: string;
  cadence: ReportCadence;
  hour_utc: number;
  weekday: number | null;
  next_run_at: string;
  last_run_at: string | null;
}
export interface GeneratedReportsTable {
  id: string;
  organisation_id: string;
  schedule_id: string | null;
  created_at: string;
  sha256: string;
  size: number;
  filename: string;
}
// Articles (0016).
export interface ArticleStoriesTable {
  id: string;
  title: string | null;
  first_published_at: string | null;
  merged_into: string | null;
  created_at: Generated<Timestamp>;
  is_demo: Generated<boolean>;
}
export interface ArticleFeedsTable {
  id: string;
  url: string;
  title: string | null;
  organisation_id: string;
  created_by: string | null;
  created_at: Generated<Timestamp>;
  last_polled_at: string | null;
  last_error: string | null;
  is_demo: Generated<boolean>;
}
export interface ArticlesTable {
  evidence_id: string;
  story_id: string;
  text_sha256: string;
  text_enc: string;
  char_count: number;
  format: ArticleSourceFormat;
  language: string;
  published_at: Timestamp;
  publisher: string | null;
  title: string | null;
  /** bigint[]: PostgreSQL returns strings, PGlite numbers; read through Number(). */
  signature: ColumnType<(string | number)[], number[], number[]>;
  entity_keys: string[];
  numbers: string[];
  feed_id: string | null;
  feed_item_key: string | null;
  created_at: Generated<Timestamp>;
  is_demo: Generated<boolean>;
}
export interface ArticleActorsTable {
  id: string;
  kind: ActorKind;
  names: string[];
  name_keys: string[];
  network_entity_id: string | null;
  created_at: Generated<Timestamp>;
  is_demo: Generated<boolean>;
}
export interface ArticleClaimsTable {
  id: string;
  article_id: string;
  kind: ClaimKind;
  start_offset: number;
  end_offset: number;
  quote_enc: string;
  key: string;
  value: ColumnType<unknown, string, string>;
  actor_id: string | null;
  compound_id: string | null;
  status: Generated<ClaimStatus>;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  event_id: string | null;
  created_at: Generated<Timestamp>;
}
// Networks (0019): FollowTheMoney entities, their imports, and compound links.
export interface EntitiesTable {
  id: string;
  schema: string;
  caption: string;
  properties: ColumnType<Record<string, string[]>, string, string>;
  datasets: string[];
  refs: string[];
  seen: ColumnType<Record<string, string>, string, string>;
  first_seen: string;
  last_seen: string;
  disappeared_at: string | null;
  created_by: string | null;
  is_demo: Generated<boolean>;
}
export interface EntityImportsTable {
  id: string;
  dataset: string;
  source: string;
  status: Generated<'running' | 'finished' | 'failed'>;
  checkpoint_line: Generated<number>;
  imported: Generated<number>;
  rejected: Generated<number>;
  disappeared: Generated<number>;
  problems: ColumnType<{ line: number; error: string }[], string | undefined, string>;
  started_at: string;
  finished_at: string | null;
  created_by: string | null;
  is_demo: Generated<boolean>;
}
/** The ids a delta import has seen, until it ends (0032). */
export interface EntityImportSeenTable {
  import_id: string;
  entity_id: string;
}
export interface CompoundEntitiesTable {
  compound_id: string;
  entity_id: string;
  role: OperatorRole;
  created_at: string;
  created_by: string | null;
  is_demo: Generated<boolean>;
}
/** One on-chain transfer between two wallet addresses (0022), imported from CSV for tracing. */
export interface WalletTransfersTable {
  chain: string;
  tx: string;
  seq: Generated<number>;
  from_address: string;
  to_address: string;
  amount: ColumnType<string, string, string>;
  asset: Generated<string>;
  at: string;
  dataset: string;
  imported_at: string;
  created_by: string | null;
  is_demo: Generated<boolean>;
}
export interface IdempotencyKeysTable {
  id: string;
  user_id: string;
  organisation_id: string;
  idempotency_key: string;
  operation: string;
  response_status: number;
  record_enc: string;
  created_at: string;
}
export interface HelpRequestsTable {
  id: string;
  organisation_id: string;
  language: string;
  status: HelpRequestStatus;
  code_hash: string;
  content_enc: string;
  /** 0021: where to go and the flight date, for the code holder (encrypted JSON). */
  next_steps_enc: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}
/** 0026: a message to the contact a help request gave; `envelope_enc` holds {channel, to, text}, sealed. */
export interface OutboundMessagesTable {
  id: string;
  seq: Generated<number>;
  organisation_id: string;
  help_request_id: string;
  reason: OutboundReason;
  language: string;
  envelope_enc: string;
  status: Generated<OutboundStatus>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Timestamp>;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}
export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: Generated<Timestamp>;
}

export interface Schema {
  organisations: OrganisationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  permissions: PermissionsTable;
  sessions: SessionsTable;
  rate_limits: RateLimitsTable;
  jobs: JobsTable;
  blobs: BlobsTable;
  audit_events: AuditEventsTable;
  audit_tree_heads: AuditTreeHeadsTable;
  survivors: SurvivorsTable;
  cases: CasesTable;
  alerts: AlertsTable;
  compounds: CompoundsTable;
  evidence: EvidenceTable;
  evidence_custody: EvidenceCustodyTable;
  compound_events: CompoundEventsTable;
  monitoring_edits: MonitoringEditsTable;
  alert_acknowledgements: AlertAcknowledgementsTable;
  schema_migrations: SchemaMigrationsTable;
  // Casework (0002).
  consent_versions: ConsentVersionsTable;
  case_events: CaseEventsTable;
  case_notes: CaseNotesTable;
  case_attachments: CaseAttachmentsTable;
  screenings: ScreeningsTable;
  needs: NeedsTable;
  referrals: ReferralsTable;
  referral_messages: ReferralMessagesTable;
  consular_records: ConsularRecordsTable;
  follow_ups: FollowUpsTable;
  // Matching (0004).
  match_proposals: MatchProposalsTable;
  link_requests: LinkRequestsTable;
  // Blind cross-organisation matching (0007).
  matching_candidates: MatchingCandidatesTable;
  // Deployment mode and account tokens (0008).
  deployment: DeploymentTable;
  account_tokens: AccountTokensTable;
  // Public statistics releases (0012).
  public_releases: PublicReleasesTable;
  // Scheduled situation reports (0020).
  report_schedules: ReportSchedulesTable;
  generated_reports: GeneratedReportsTable;
  // Articles (0016).
  article_stories: ArticleStoriesTable;
  article_feeds: ArticleFeedsTable;
  articles: ArticlesTable;
  article_actors: ArticleActorsTable;
  article_claims: ArticleClaimsTable;
  // Networks (0019).
  entities: EntitiesTable;
  entity_imports: EntityImportsTable;
  entity_import_seen: EntityImportSeenTable;
  compound_entities: CompoundEntitiesTable;
  wallet_transfers: WalletTransfersTable;
  // Offline field intake and help requests (0015, 0015b).
  idempotency_keys: IdempotencyKeysTable;
  help_requests: HelpRequestsTable;
  // Messages to a help request's contact (0026).
  outbound_messages: OutboundMessagesTable;
  // Exit-day care across organisations (0013).
  consular_coverage: ConsularCoverageTable;
  capacity: CapacityTable;
  // Tracing and deaths (0024).
  tracing_requests: TracingRequestsTable;
  tracing_proposals: TracingProposalsTable;
  death_reports: DeathReportsTable;
}

/** A tracing request (0024): who asks and for whom, encrypted; the answer only a consenting survivor's holder writes. */
export interface TracingRequestsTable {
  id: string;
  organisation_id: string;
  requester_kind: TracingRequesterKind;
  consent_basis: TracingConsentBasis;
  details_enc: string;
  answer_enc: string | null;
  answered_at: string | null;
  closed_at: string | null;
  created_by: string | null;
  created_at: string;
  is_demo: Generated<boolean>;
}
/** A proposal to the holder of a survivor who may be the person sought (0024). */
export interface TracingProposalsTable {
  id: string;
  request_id: string;
  survivor_id: string;
  holder_organisation_id: string;
  summary_enc: string;
  match_weight: number;
  match_probability: number;
  levels: Json<Record<string, number>>;
  weights: Json<Record<string, number>>;
  settings_id: string;
  settings_version: number;
  threshold: number;
  state: Generated<TracingProposalState>;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  is_demo: Generated<boolean>;
}
/** A death reported in a compound or after exit (0024): restricted to the recording organisation. */
export interface DeathReportsTable {
  id: string;
  organisation_id: string;
  context: DeathContext;
  compound_id: string | null;
  survivor_id: string | null;
  day: string;
  nationality: string | null;
  details_enc: string | null;
  created_by: string | null;
  created_at: string;
  is_demo: Generated<boolean>;
}

/** core/consular coverage rows (0013): who covers a nationality without a resident embassy. */
export interface ConsularCoverageTable {
  nationality: string;
  organisation_id: string;
  mode: CoverageRowMode;
  seat: string | null;
  rank: Generated<number>;
  is_demo: Generated<boolean>;
}
/** A shelter's or clinic's published capacity (0013), one row per organisation. */
export interface CapacityTable {
  organisation_id: string;
  beds: Json<{ group: BedGroup; free: number; total: number }[]>;
  services: NeedKind[];
  languages: string[];
  updated_at: string;
  updated_by: string | null;
  is_demo: Generated<boolean>;
}
