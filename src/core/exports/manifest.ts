/**
 * A flight manifest: the people of one embassy's queue booked on one flight, with only what an
 * airline or immigration asks for (name as in the travel document, sex, date of birth, nationality,
 * travel document type and number, flight). Nothing of where the person is, who helps them, their
 * case, risk, contacts or story.
 */
import type { EmergencyDocumentStatus } from '../cases/consular.ts';
import type { DocumentStatus, Sex } from '../vocabulary.ts';
import type { ExportColumn } from './table.ts';

export interface ManifestName {
  readonly value: string;
  readonly script?: string | null;
  readonly romanisation?: boolean;
  readonly preferred: boolean;
}

export interface ManifestPerson {
  /** As printed in the travel document (see travelDocumentName). */
  readonly name: string;
  readonly sex: Sex;
  readonly dateOfBirth: string | null;
  readonly nationality: string;
  readonly documentType: 'passport' | 'emergency_travel_document' | null;
  readonly documentNumber: string | null;
  readonly flightNumber: string;
  readonly flightDate: string;
}

const LATIN = /^[\p{Script=Latin}\p{M}\s'’.,-]+$/u;

/**
 * The name a travel document carries: documents are printed in Latin letters (ICAO 9303), so the
 * first name written in Latin script — a romanisation the person gave, then any Latin name, the
 * preferred first — else the preferred name as written.
 */
export function travelDocumentName(names: readonly ManifestName[]): string {
  const ordered = [...names].sort((a, b) => Number(b.preferred) - Number(a.preferred));
  const latin = (n: ManifestName) => n.script === 'Latn' || LATIN.test(n.value.trim());
  return (
    ordered.find((n) => n.romanisation && latin(n)) ??
    ordered.find(latin) ??
    ordered[0] ?? { value: '' }
  ).value.trim();
}

/** The travel document the person flies on: their own passport if they hold it, else an issued emergency document. */
export function travelDocumentOf(
  passport: { status: DocumentStatus; number: string | null },
  emergency: { status: EmergencyDocumentStatus; number: string | null },
): { type: ManifestPerson['documentType']; number: string | null } {
  if (passport.status === 'held') return { type: 'passport', number: passport.number };
  if (emergency.status === 'issued') return { type: 'emergency_travel_document', number: emergency.number };
  return { type: null, number: null };
}

const SEX_CODES: Record<Sex, string> = { female: 'F', male: 'M', other: 'X', unknown: 'X' };
const DOCUMENT_LABELS = { passport: 'Passport', emergency_travel_document: 'Emergency travel document' } as const;

/** Columns of the CSV and XLSX manifest (the PDF prints the same fields). Sex as ICAO 9303: F, M or X. */
export const MANIFEST_COLUMNS: readonly ExportColumn<ManifestPerson>[] = [
  { header: 'Name (as in travel document)', value: (p) => p.name },
  { header: 'Sex', value: (p) => SEX_CODES[p.sex] },
  { header: 'Date of birth', value: (p) => p.dateOfBirth },
  { header: 'Nationality', value: (p) => p.nationality },
  { header: 'Travel document', value: (p) => (p.documentType ? DOCUMENT_LABELS[p.documentType] : null) },
  { header: 'Document number', value: (p) => p.documentNumber },
  { header: 'Flight', value: (p) => p.flightNumber },
  { header: 'Date', value: (p) => p.flightDate },
];
