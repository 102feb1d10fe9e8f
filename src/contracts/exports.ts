import { z } from 'zod';
import { REPORT_CADENCES } from '../core/reports/schedule.ts';
import { CASE_STATUSES, COMPOUND_STATUSES, EVENT_KINDS, RISK_LEVELS } from '../core/vocabulary.ts';
import { csvOf } from './casework/fields.ts';
import { IsoDay } from './monitoring/geo.ts';

/**
 * What can be exported, in which formats (services/exports/exports.service.ts decides who may):
 * - cases: the organisation's own cases as its case list shows them, without names;
 * - deidentified_cases: HTCDS-aligned, statistics-consenting survivors only (core/exports/htcds.ts); no HXL,
 *   since HDX takes aggregates, not records about people;
 * - compounds, events: shared monitoring data (GeoJSON too);
 * - figures: the per-nationality figures after small-cell suppression (HXL for HDX).
 */
export const EXPORT_DATASETS = ['cases', 'deidentified_cases', 'compounds', 'events', 'figures'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'hxl', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The formats each dataset offers; anything else is a 400. */
export const DATASET_FORMATS: Record<ExportDataset, readonly ExportFormat[]> = {
  cases: ['csv', 'xlsx'],
  deidentified_cases: ['csv', 'xlsx'],
  compounds: ['csv', 'xlsx', 'hxl', 'geojson'],
  events: ['csv', 'xlsx', 'hxl', 'geojson'],
  figures: ['csv', 'xlsx', 'hxl'],
};

export const ExportParams = z.object({ dataset: z.enum(EXPORT_DATASETS) });

/** Filters; each dataset reads the ones that apply to it and records them in the audit entry. */
export const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  status: csvOf(z.enum(CASE_STATUSES)).optional(),
  risk: csvOf(z.enum(RISK_LEVELS)).optional(),
  nationality: csvOf(z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2')).optional(),
  compoundStatus: z.enum(COMPOUND_STATUSES).optional(),
  province: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  kind: csvOf(z.enum(EVENT_KINDS)).optional(),
  from: IsoDay.optional(),
  to: IsoDay.optional(),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/** Response header carrying the number of data rows, known before the first byte (progress for large files). */
export const EXPORT_ROWS_HEADER = 'x-export-rows';

/** A scheduled situation report (core/reports/schedule.ts): UTC hour, and a weekday (0 = Sunday) when weekly. */
export const ReportScheduleInput = z.object({
  cadence: z.enum(REPORT_CADENCES),
  hourUtc: z.number().int().min(0).max(23),
  weekday: z.number().int().min(0).max(6).nullable().optional(),
});
export type ReportScheduleInput = z.infer<typeof ReportScheduleInput>;

export const ReportScheduleView = z.object({
  id: z.string(),
  cadence: z.enum(REPORT_CADENCES),
  hourUtc: z.number().int(),
  weekday: z.number().int().nullable(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
});
export type ReportScheduleView = z.infer<typeof ReportScheduleView>;

export const GeneratedReport = z.object({
  id: z.string(),
  createdAt: z.string(),
  size: z.number().int(),
  filename: z.string(),
});
export type GeneratedReport = z.infer<typeof GeneratedReport>;
