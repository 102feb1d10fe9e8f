import type { AgeBand, CaseStatus, ScreeningIndicator } from '../vocabulary.ts';
import type { ExportColumn } from './table.ts';

/**
 * The de-identified case export, aligned with the IOM Human Trafficking Case Data Standard
 * (HTCDS, github.com/UNMigration/HTCDS): HTCDS field names where the standard has the field
 * (prs_Gender, prs_Nationality, vic_MethodsOfControl, vic_TypeOfLabourExploitation, cas_Status),
 * `ext_` fields where it has none (age band, months, forced criminality as the exploitation type).
 *
 * What it never carries, by construction (the input type has no such field): names, contacts, exact
 * dates (of birth or anything else: months only), free text (notes, reasons, the compound as told),
 * locations finer than a country, internal ids (rows are numbered per file, so two files cannot be
 * joined on them).
 */
export interface DeidentifiedCaseFacts {
  /** 1, 2, … within one export. */
  readonly recordNumber: number;
  readonly sex: string;
  readonly ageBand: string | null;
  readonly nationalities: readonly string[];
  readonly status: string;
  /** ISO instants or days; only the month is kept. */
  readonly registeredAt: string;
  readonly exitDate: string | null;
  readonly exitMode: string;
  readonly documentStatus: string;
  readonly screeningOutcome: string | null;
  readonly screeningAnswers: Readonly<Record<string, string>> | null;
}

/**
 * HTCDS prs_Gender values. `other` becomes Unknown: the standard has no such value, and a rare category is the
 * likeliest to single someone out.
 */
const GENDER: Record<string, string> = { female: 'Female', male: 'Male', other: 'Unknown', unknown: 'Unknown' };

/** HTCDS cas_Status: Active, FollowUp, Closed (ClosedReferred is not known here). */
const CASE_STATUS: Record<CaseStatus, string> = {
  open: 'Active',
  assessed: 'Active',
  assisting: 'Active',
  awaiting_documents: 'Active',
  awaiting_travel: 'Active',
  repatriated: 'FollowUp',
  closed: 'Closed',
  lost_contact: 'Closed',
};

/**
 * ILO indicators answered "yes" → HTCDS vic_MethodsOfControl. The ILO joins physical and sexual
 * violence; HTCDS splits them, so only PhysicalAbuse is inferred, never SexualAbuse. Indicators
 * without an HTCDS counterpart map to Other; forced criminality is an exploitation type, not a method.
 */
export const METHOD_OF_CONTROL: Record<ScreeningIndicator, string | null> = {
  abuse_of_vulnerability: 'Other',
  deception: 'FalsePromises',
  restriction_of_movement: 'RestrictsMovement',
  isolation: 'Other',
  physical_sexual_violence: 'PhysicalAbuse',
  intimidation_threats: 'Threats',
  retention_of_identity_documents: 'WithholdsDocuments',
  withholding_of_wages: 'TakesEarnings',
  debt_bondage: 'DebtBondage',
  abusive_working_living_conditions: 'Other',
  excessive_overtime: 'ExcessiveWorkingHours',
  forced_criminality: null,
};

/** YYYY-MM of an ISO day or instant (the UTC month of an instant). */
export function monthOf(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${m[1]}-${m[2]}` : null;
}

const majority = (band: string | null): string =>
  band === null ? 'Unknown' : (band as AgeBand) === 'under_18' ? 'Minor' : 'Adult';

const yes = (f: DeidentifiedCaseFacts, indicator: ScreeningIndicator) => f.screeningAnswers?.[indicator] === 'yes';

function methodsOfControl(f: DeidentifiedCaseFacts): string | null {
  const methods = new Set<string>();
  for (const [indicator, method] of Object.entries(METHOD_OF_CONTROL))
    if (method && yes(f, indicator as ScreeningIndicator)) methods.add(method);
  return methods.size ? [...methods].sort().join(';') : null;
}

/** Two-letter country codes only: anything else in the field is dropped rather than passed on. */
const countries = (codes: readonly string[]): string | null => {
  const kept = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))].sort();
  return kept.length ? kept.join(';') : null;
};

export const HTCDS_COLUMNS: readonly ExportColumn<DeidentifiedCaseFacts>[] = [
  { header: 'ext_RecordNumber', value: (f) => f.recordNumber },
  { header: 'prs_Gender', value: (f) => GENDER[f.sex] ?? 'Unknown' },
  { header: 'ext_AgeBand', value: (f) => f.ageBand },
  { header: 'ext_MajorityStatus', value: (f) => majority(f.ageBand) },
  { header: 'prs_Nationality', value: (f) => countries(f.nationalities) },
  { header: 'cas_Status', value: (f) => CASE_STATUS[f.status as CaseStatus] ?? null },
  { header: 'ext_CaseStatus', value: (f) => f.status },
  { header: 'ext_RegistrationMonth', value: (f) => monthOf(f.registeredAt) },
  { header: 'ext_ExitMonth', value: (f) => monthOf(f.exitDate) },
  { header: 'ext_ExitMode', value: (f) => f.exitMode },
  { header: 'ext_IdentityDocuments', value: (f) => f.documentStatus },
  {
    header: 'ext_TypeOfExploitation',
    value: (f) => (yes(f, 'forced_criminality') ? 'ForcedCriminality' : null),
  },
  {
    header: 'vic_TypeOfLabourExploitation',
    value: (f) => (yes(f, 'forced_criminality') ? 'IllicitActivities' : null),
  },
  { header: 'vic_MethodsOfControl', value: methodsOfControl },
  { header: 'ext_ScreeningOutcome', value: (f) => f.screeningOutcome },
];
