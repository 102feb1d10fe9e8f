import { z } from 'zod';
import { PROTECTION_FLAGS } from '../../core/triage/protection.ts';
import {
  AGE_BANDS,
  CASE_STATUSES,
  CONTACT_CHANNELS,
  DOCUMENT_STATUSES,
  EXIT_MODES,
  LOCATION_KINDS,
  RISK_LEVELS,
  SEXES,
} from '../../core/vocabulary.ts';
import { CONSENT_METHODS } from '../../core/consent/versioned.ts';
import { CountryCode, DocumentNumber, IsoDay, LanguageCode } from './fields.ts';

/** A name as the survivor gave it: in its own script, or a romanisation of it. Exactly one is preferred. */
export const SurvivorName = z.object({
  value: z.string().trim().min(1).max(200),
  /** ISO 15924 script code (Latn, Hans, Khmr, Thai, Mymr …); optional, the server does not guess. */
  script: z
    .string()
    .trim()
    .regex(/^[A-Z][a-z]{3}$/, 'an ISO 15924 script code such as Latn')
    .optional(),
  /** True for a romanisation of another name in the list. */
  romanisation: z.boolean().default(false),
  preferred: z.boolean().default(false),
});
export type SurvivorName = z.infer<typeof SurvivorName>;

export const Contact = z.object({ channel: z.enum(CONTACT_CHANNELS), value: z.string().trim().min(3).max(200) });
export type Contact = z.infer<typeof Contact>;

/** Where the survivor is now. Sensitive: `detail` is encrypted and shown only under core/referrals mayViewLocation. */
export const LocationInput = z.object({
  kind: z.enum(LOCATION_KINDS),
  /** The shelter, clinic or embassy organisation, when the place is one. */
  placeOrganisationId: z.uuid().optional(),
  detail: z.string().trim().max(500).optional(),
});

export const ConsentFlagsInput = z.object({
  shareWithOwnEmbassy: z.boolean(),
  shareWithOrganisationIds: z.array(z.uuid()).max(50).default([]),
  useInStatistics: z.boolean(),
  /** May be compared with other organisations' records (blind matching); off unless the survivor opts in. */
  crossOrganisationMatching: z.boolean().default(false),
  /**
   * Consent per nationality (dual nationals): which of their nationalities' consular services may see them when
   * shareWithOwnEmbassy is on. Absent or null: all of them.
   */
  embassyNationalities: z.array(CountryCode).max(5).nullable().optional(),
  /** May hand a de-identified testimony to monitoring (a purpose of its own); off unless the survivor opts in. */
  testimonyToMonitoring: z.boolean().default(false),
  method: z.enum(CONSENT_METHODS),
});
export type ConsentFlagsInput = z.infer<typeof ConsentFlagsInput>;

const oneNamePreferred = (names: readonly { preferred: boolean }[]): boolean =>
  names.filter((n) => n.preferred).length === 1;

/** POST /api/survivors: creates the survivor and the registering organisation's case in one request. */
export const RegisterSurvivorRequest = z
  .object({
    names: z.array(SurvivorName).min(1).max(12).refine(oneNamePreferred, 'mark exactly one name as preferred'),
    sex: z.enum(SEXES),
    dateOfBirth: IsoDay.optional(),
    /** Estimated when no date of birth is known; derived from dateOfBirth when omitted. */
    ageBand: z.enum(AGE_BANDS).optional(),
    nationalities: z.array(CountryCode).max(5).default([]),
    languages: z.array(LanguageCode).max(10).default([]),
    contacts: z.array(Contact).max(10).default([]),
    documentStatus: z.enum(DOCUMENT_STATUSES),
    /** Their own passport or identity card number, if they know it (often the document itself was confiscated). */
    documentNumber: DocumentNumber.optional(),
    location: LocationInput.default({ kind: 'unknown' }),
    /** Which compound they came from: a compound of the registry (GET /api/compound-lookup) … */
    compoundId: z.uuid().optional(),
    /** … or, when it is not in the registry, the words they used (ignored when compoundId is given). Neither: unknown. */
    compound: z.string().trim().max(300).optional(),
    exitMode: z.enum(EXIT_MODES).default('unknown'),
    exitDate: IsoDay.optional(),
    consent: ConsentFlagsInput,
    /**
     * Told by the survivor, never inferred: opens the protection protocols (core/triage protection: care first,
     * restricted fields). Under-18 follows from the age band. Own organisation only; crosses no boundary.
     */
    protection: z
      .object({ pregnant: z.boolean().default(false), sexualViolence: z.boolean().default(false) })
      .strict()
      .optional(),
    riskLevel: z.enum(RISK_LEVELS).default('medium'),
    /** A user of the registering organisation; defaults to the person registering. */
    assignedTo: z.uuid().optional(),
  })
  .strict();
export type RegisterSurvivorRequest = z.infer<typeof RegisterSurvivorRequest>;

export const RegisteredSurvivor = z.object({
  survivorId: z.string(),
  caseId: z.string(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(RISK_LEVELS),
  /** core/triage protection flags of the new record (own organisation only): their protocols' needs are open. */
  protection: z.array(z.enum(PROTECTION_FLAGS)),
});
export type RegisteredSurvivor = z.infer<typeof RegisteredSurvivor>;

export const ConsentVersionView = z.object({
  version: z.number().int(),
  shareWithOwnEmbassy: z.boolean(),
  shareWithOrganisationIds: z.array(z.string()),
  useInStatistics: z.boolean(),
  crossOrganisationMatching: z.boolean(),
  /** Consent per nationality; null: every nationality they hold. */
  embassyNationalities: z.array(z.string()).nullable(),
  testimonyToMonitoring: z.boolean(),
  method: z.enum(CONSENT_METHODS),
  at: z.string(),
  recordedBy: z.string().nullable(),
  organisationId: z.string(),
  changes: z.array(z.string()),
});
export type ConsentVersionView = z.infer<typeof ConsentVersionView>;

/** PUT /api/survivors/:id/consent: the full new consent; the server records a new version (never edits one). */
export const ChangeConsentRequest = ConsentFlagsInput.strict();
export const ConsentHistoryView = z.object({
  survivorId: z.string(),
  current: ConsentVersionView.nullable(),
  history: z.array(ConsentVersionView),
});
export type ConsentHistoryView = z.infer<typeof ConsentHistoryView>;

export const LocationView = z.object({
  kind: z.enum(LOCATION_KINDS),
  placeOrganisationId: z.string().nullable(),
  detail: z.string().nullable(),
});

/** The survivor as the case owner (or a consenting national's embassy) sees them. */
export const SurvivorView = z.object({
  id: z.string(),
  /** null for an embassy (core/disclosure: it does not learn which organisation holds the survivor). */
  organisationId: z.string().nullable(),
  registeredAt: z.string(),
  names: z.array(
    z.object({ value: z.string(), script: z.string().nullable(), romanisation: z.boolean(), preferred: z.boolean() }),
  ),
  preferredName: z.string().nullable(),
  sex: z.enum(SEXES),
  dateOfBirth: z.string().nullable(),
  ageBand: z.enum(AGE_BANDS).nullable(),
  nationalities: z.array(z.string()),
  languages: z.array(z.string()),
  contacts: z.array(Contact),
  documentStatus: z.enum(DOCUMENT_STATUSES),
  /** Their own passport or identity card number as they gave it; null when not known. */
  documentNumber: z.string().nullable(),
  locationKind: z.enum(LOCATION_KINDS),
  /**
   * null when this organisation may not see where the survivor is (core/disclosure mayViewLocation, and never for an
   * embassy).
   */
  location: LocationView.nullable(),
  /** The free-text compound, when it is not linked to the registry. */
  compound: z.string().nullable(),
  /** The linked compound of the registry, with its display name; null when unknown or only free text. */
  compoundLink: z.object({ id: z.string(), name: z.string(), country: z.string() }).nullable(),
  exitMode: z.enum(EXIT_MODES),
  exitDate: z.string().nullable(),
  consent: z.object({
    version: z.number().int(),
    shareWithOwnEmbassy: z.boolean(),
    shareWithOrganisationIds: z.array(z.string()),
    useInStatistics: z.boolean(),
    crossOrganisationMatching: z.boolean(),
    /** Consent per nationality (owner only; null for everyone else and when all nationalities are covered). */
    embassyNationalities: z.array(z.string()).nullable(),
    testimonyToMonitoring: z.boolean(),
  }),
  /** core/triage protection flags: the owning organisation's alone (empty for an embassy). */
  protection: z.array(z.enum(PROTECTION_FLAGS)),
});
export type SurvivorView = z.infer<typeof SurvivorView>;

export type LocationInput = z.infer<typeof LocationInput>;
export type LocationView = z.infer<typeof LocationView>;
export type ChangeConsentRequest = z.infer<typeof ChangeConsentRequest>;
