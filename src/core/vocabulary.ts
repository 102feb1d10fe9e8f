/**
 * The domain vocabulary of Refuge (see docs/DESIGN.md): one concept, one name, one place.
 * Contracts build zod enums from these arrays; the database uses the same strings.
 */

export const ORGANISATION_KINDS = [
  'embassy',
  'ngo',
  'shelter',
  'clinic',
  'international_org',
  'monitor',
  'coordination',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ['admin', 'caseworker', 'consular_officer', 'medic', 'analyst', 'viewer', 'verifier'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = ['own', 'organisation', 'shared', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

export const AGE_BANDS = ['under_18', '18_24', '25_34', '35_44', '45_59', '60_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const DOCUMENT_STATUSES = ['held', 'confiscated', 'lost', 'never_had'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const LOCATION_KINDS = [
  'shelter',
  'clinic',
  'street',
  'own_address',
  'embassy',
  'detention',
  'unknown',
] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export const EXIT_MODES = ['escaped', 'released', 'rescued', 'unknown'] as const;
export type ExitMode = (typeof EXIT_MODES)[number];

export const CONTACT_CHANNELS = ['phone', 'whatsapp', 'telegram', 'line', 'wechat', 'email'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CASE_STATUSES = [
  'open',
  'assessed',
  'assisting',
  'awaiting_documents',
  'awaiting_travel',
  'repatriated',
  'closed',
  'lost_contact',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** ILO forced-labour indicators plus forced criminality (made to run scams). */
export const SCREENING_INDICATORS = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_sexual_violence',
  'intimidation_threats',
  'retention_of_identity_documents',
  'withholding_of_wages',
  'debt_bondage',
  'abusive_working_living_conditions',
  'excessive_overtime',
  'forced_criminality',
] as const;
export type ScreeningIndicator = (typeof SCREENING_INDICATORS)[number];
export const SCREENING_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type ScreeningAnswer = (typeof SCREENING_ANSWERS)[number];
export const SCREENING_OUTCOMES = ['presumed_victim', 'possible_victim', 'insufficient_information'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

export const NEED_KINDS = [
  'medical_urgent',
  'medical',
  'psychosocial',
  'shelter',
  'food',
  'travel_document',
  'consular',
  'legal',
  'repatriation',
  'family_contact',
] as const;
export type NeedKind = (typeof NEED_KINDS)[number];
export const NEED_STATUSES = ['open', 'in_progress', 'met', 'cancelled'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

export const REFERRAL_STATES = ['sent', 'accepted', 'declined', 'completed', 'revoked'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

export const COMPOUND_STATUSES = [
  'operating',
  'raided',
  'mass_exit',
  'emptied',
  'relocated',
  'reactivated',
  'unknown',
] as const;
export type CompoundStatus = (typeof COMPOUND_STATUSES)[number];

export const EVIDENCE_KINDS = [
  'video',
  'photo',
  'satellite',
  'article',
  'testimony',
  'social_post',
  'official_statement',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const VERIFICATION_STATES = ['unverified', 'geolocated', 'corroborated', 'verified', 'disputed'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];
export const PRECISION_BANDS = ['10m', '100m', '1km', 'area'] as const;
export type PrecisionBand = (typeof PRECISION_BANDS)[number];
export const GEOLOCATION_METHODS = ['landmark_match', 'metadata', 'satellite_comparison', 'source_statement'] as const;
export type GeolocationMethod = (typeof GEOLOCATION_METHODS)[number];
export const SENSITIVITY_LEVELS = ['public', 'internal', 'sensitive', 'restricted'] as const;
export type SensitivityLevel = (typeof SENSITIVITY_LEVELS)[number];

export const EVENT_KINDS = [
  'operating',
  'mass_exit',
  'raid',
  'rescue',
  'arrest',
  'relocation',
  'reactivation',
  'construction',
  'abuse',
  'death',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const ALERT_KINDS = [
  // Every kind has a producer: follow-ups, matching, and monitoring's compound rules (core/compounds/alert-rules.ts).
  'possible_duplicate',
  're_trafficking_risk',
  'missed_follow_up',
  'seen_in_compound',
  'mass_exit',
  'raid_without_rescues',
  'possible_theatre_raid',
  'possible_relocation',
  // Blind matching: one account's registrations keep resembling records held elsewhere (core/matching/blind.ts).
  'matching_probe',
  // Networks: a compound's operator or owner screens as a sanctioned entity (services/networks/compound-screening).
  'sanctions_hit',
  // Tracing: someone is being sought who may match one of the organisation's survivors (core/tracing).
  'tracing_request',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Background jobs (table `jobs`). */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Matching: a proposed pair's decision state, what produced it, and a cross-organisation link request's state. */
export const PROPOSAL_STATUSES = ['proposed', 'confirmed', 'rejected', 'undone'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_ORIGINS = ['registration', 'batch', 'demo'] as const;
export type ProposalOrigin = (typeof PROPOSAL_ORIGINS)[number];
export const LINK_STATES = ['requested', 'accepted', 'declined', 'revoked'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** Nationalities the demo and the name tools know about (ISO 3166-1 alpha-2). */
export const FOCUS_NATIONALITIES = [
  'ID',
  'CN',
  'VN',
  'PH',
  'MM',
  'TH',
  'IN',
  'BD',
  'KE',
  'NG',
  'UG',
  'BR',
  'LK',
  'NP',
  'ET',
  'MY',
  'LA',
  'KH',
  'TW',
  'KR',
] as const;
