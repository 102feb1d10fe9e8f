import type { ExportColumn } from './table.ts';

/**
 * The columns of each tabular export other than the de-identified cases (htcds.ts). Free text
 * (notes, descriptions, reasons, the compound as a survivor told it) is in none of them.
 */

/**
 * An organisation's own case, as its case list shows it, without names (survivor ids link back inside the
 * organisation).
 */
export interface CaseFacts {
  readonly caseId: string;
  readonly survivorId: string;
  readonly status: string;
  readonly riskLevel: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly registeredAt: string;
  readonly sex: string;
  readonly ageBand: string | null;
  readonly nationalities: readonly string[];
  readonly documentStatus: string;
  readonly exitMode: string;
  readonly screeningOutcome: string | null;
}

export const CASE_COLUMNS: readonly ExportColumn<CaseFacts>[] = [
  { header: 'case_id', value: (c) => c.caseId },
  { header: 'survivor_id', value: (c) => c.survivorId },
  { header: 'status', value: (c) => c.status },
  { header: 'risk_level', value: (c) => c.riskLevel },
  { header: 'opened_at', value: (c) => c.openedAt },
  { header: 'updated_at', value: (c) => c.updatedAt },
  { header: 'registered_at', value: (c) => c.registeredAt },
  { header: 'sex', value: (c) => c.sex },
  { header: 'age_band', value: (c) => c.ageBand },
  { header: 'nationalities', value: (c) => c.nationalities.join(';') },
  { header: 'document_status', value: (c) => c.documentStatus },
  { header: 'exit_mode', value: (c) => c.exitMode },
  { header: 'screening_outcome', value: (c) => c.screeningOutcome },
];

/** A compound for the tabular and HXL exports (the GeoJSON export keeps geometry: core/geo/compound-geojson.ts). */
export interface CompoundFacts {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly province: string | null;
  readonly district: string | null;
  /** The representative point (the marker, or the footprint's), WGS 84. */
  readonly lon: number | null;
  readonly lat: number | null;
  readonly status: string;
  readonly statusSince: string | null;
  readonly statusConfidence: number | null;
  readonly eventCount: number;
  readonly evidenceCount: number;
  readonly updatedAt: string;
}

export const COMPOUND_COLUMNS: readonly ExportColumn<CompoundFacts>[] = [
  { header: 'id', hxl: '#loc+id', value: (c) => c.id },
  { header: 'name', hxl: '#loc+name', value: (c) => c.name },
  { header: 'aliases', hxl: '#loc+name+alt', value: (c) => c.aliases.join(';') || null },
  { header: 'province', hxl: '#adm1+name', value: (c) => c.province },
  { header: 'district', hxl: '#adm2+name', value: (c) => c.district },
  { header: 'lat', hxl: '#geo+lat', value: (c) => c.lat },
  { header: 'lon', hxl: '#geo+lon', value: (c) => c.lon },
  { header: 'status', hxl: '#status', value: (c) => c.status },
  { header: 'status_since', hxl: '#date+status', value: (c) => c.statusSince },
  { header: 'status_confidence', hxl: '#indicator+confidence', value: (c) => c.statusConfidence },
  { header: 'events', hxl: '#indicator+events+num', value: (c) => c.eventCount },
  { header: 'evidence_items', hxl: '#indicator+evidence+num', value: (c) => c.evidenceCount },
  { header: 'updated_at', hxl: '#date+updated', value: (c) => c.updatedAt },
];

/** An event at a compound (its description, free text, stays out). */
export interface EventFacts {
  readonly id: string;
  readonly compoundId: string;
  readonly compoundName: string;
  readonly province: string | null;
  readonly kind: string;
  readonly date: string;
  readonly dateEnd: string | null;
  readonly peopleLeaving: number | null;
  readonly arrests: number | null;
  readonly rescues: number | null;
  readonly deaths: number | null;
  readonly nationalities: readonly string[];
  readonly confidence: number;
  readonly lon: number | null;
  readonly lat: number | null;
}

export const EVENT_COLUMNS: readonly ExportColumn<EventFacts>[] = [
  { header: 'id', hxl: '#event+id', value: (e) => e.id },
  { header: 'compound_id', hxl: '#loc+id', value: (e) => e.compoundId },
  { header: 'compound', hxl: '#loc+name', value: (e) => e.compoundName },
  { header: 'province', hxl: '#adm1+name', value: (e) => e.province },
  { header: 'lat', hxl: '#geo+lat', value: (e) => e.lat },
  { header: 'lon', hxl: '#geo+lon', value: (e) => e.lon },
  { header: 'kind', hxl: '#event+type', value: (e) => e.kind },
  { header: 'date', hxl: '#date+start', value: (e) => e.date },
  { header: 'date_end', hxl: '#date+end', value: (e) => e.dateEnd },
  { header: 'people_leaving', hxl: '#affected+left', value: (e) => e.peopleLeaving },
  { header: 'arrests', hxl: '#affected+arrested', value: (e) => e.arrests },
  { header: 'rescues', hxl: '#affected+rescued', value: (e) => e.rescues },
  { header: 'deaths', hxl: '#affected+killed', value: (e) => e.deaths },
  { header: 'nationalities', hxl: '#affected+nationality+code', value: (e) => e.nationalities.join(';') || null },
  { header: 'confidence', hxl: '#indicator+confidence', value: (e) => e.confidence },
];

/**
 * One row of the published per-nationality figures (core/statistics/figures.ts coordinationFigures,
 * already through the suppression code); a hidden count stays the word "suppressed", as in the API.
 */
export interface FigureFacts {
  readonly nationality: string;
  readonly registered: number | 'suppressed';
  readonly awaitingDocuments: number | 'suppressed';
  readonly awaitingTravel: number | 'suppressed';
  readonly repatriated: number | 'suppressed';
  readonly lostContact: number | 'suppressed';
  readonly bottleneck: string;
  /** The day the figures were produced (YYYY-MM-DD). */
  readonly date: string;
}

export const FIGURE_COLUMNS: readonly ExportColumn<FigureFacts>[] = [
  { header: 'nationality', hxl: '#affected+nationality+code', value: (f) => f.nationality },
  { header: 'registered', hxl: '#affected+registered', value: (f) => f.registered },
  { header: 'awaiting_documents', hxl: '#affected+awaiting_documents', value: (f) => f.awaitingDocuments },
  { header: 'awaiting_travel', hxl: '#affected+awaiting_travel', value: (f) => f.awaitingTravel },
  { header: 'repatriated', hxl: '#affected+repatriated', value: (f) => f.repatriated },
  { header: 'lost_contact', hxl: '#affected+lost_contact', value: (f) => f.lostContact },
  { header: 'bottleneck', hxl: '#status+bottleneck', value: (f) => f.bottleneck },
  { header: 'date', hxl: '#date+reported', value: (f) => f.date },
];
