/** Compounds registry: requests and responses. */
import { z } from 'zod';
import { COMPOUND_STATUSES } from '../../core/vocabulary.ts';
import { OPERATOR_ROLES } from '../../core/compounds/compound-types.ts';
import { Message, PageQuery } from '../common.ts';
import { FootprintGeometry, PointGeometry } from './geo.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** A name as reported, with the language/script it was written in (km, zh, en, th, vi…) when known. */
export const CompoundName = z.object({
  name: Text(200),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/)
    .nullable()
    .default(null),
});
export const CompoundOperator = z.object({
  name: Text(300),
  role: z.enum(OPERATOR_ROLES).default('unknown'),
  entityId: z.string().max(100).nullable().default(null),
});

/** ISO 3166-1 alpha-2 country of a compound (Cambodia, Laos, Myanmar, Thailand …). */
const CompoundCountry = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as KH');

export const CompoundInput = z.object({
  names: z.array(CompoundName).min(1).max(20),
  country: CompoundCountry.default('KH'),
  aliases: z.array(Text(200)).max(50).default([]),
  province: Text(100).nullable().default(null),
  district: Text(100).nullable().default(null),
  point: PointGeometry.nullable().default(null),
  footprint: FootprintGeometry.nullable().default(null),
  operators: z.array(CompoundOperator).max(50).default([]),
  notes: z.string().max(10_000).nullable().default(null),
});
export type CompoundInput = z.infer<typeof CompoundInput>;

/** Only the fields sent change. */
export const CompoundPatch = z.object({
  names: z.array(CompoundName).min(1).max(20).optional(),
  country: CompoundCountry.optional(),
  aliases: z.array(Text(200)).max(50).optional(),
  province: Text(100).nullable().optional(),
  district: Text(100).nullable().optional(),
  point: PointGeometry.nullable().optional(),
  footprint: FootprintGeometry.nullable().optional(),
  operators: z.array(CompoundOperator).max(50).optional(),
  notes: z.string().max(10_000).nullable().optional(),
});
export type CompoundPatch = z.infer<typeof CompoundPatch>;

export const CompoundListQuery = PageQuery.extend({
  q: z.string().trim().min(1).max(100).optional(),
  province: z.string().trim().min(1).max(100).optional(),
  status: z.enum(COMPOUND_STATUSES).optional(),
});

/** The list's filters, for the GeoJSON export (every matching compound, no paging). */
export const CompoundGeoJsonQuery = CompoundListQuery.pick({ q: true, province: true, status: true });

export const TimelineEntryView = z.object({
  from: z.string(),
  status: z.enum(COMPOUND_STATUSES),
  confidence: z.number(),
  reason: z.string(),
  /** The reason's parts as keys and values, shown joined by "; "; empty for timelines stored before them. */
  reasonMessages: z.array(Message),
  eventIds: z.array(z.string()),
  /** Evidence behind the events of this entry. */
  evidenceIds: z.array(z.string()),
});
export type TimelineEntryView = z.infer<typeof TimelineEntryView>;

export const CompoundTimeline = z.object({
  compoundId: z.string(),
  /** The day the timeline was derived for (silence after the last event counts up to here). */
  asOf: z.string(),
  status: z.enum(COMPOUND_STATUSES),
  entries: z.array(TimelineEntryView),
});
export type CompoundTimeline = z.infer<typeof CompoundTimeline>;

export const CompoundSummary = z.object({
  id: z.string(),
  name: z.string(),
  names: z.array(z.object({ name: z.string(), lang: z.string().nullable() })),
  aliases: z.array(z.string()),
  country: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  status: z.enum(COMPOUND_STATUSES),
  statusSince: z.string().nullable(),
  statusConfidence: z.number().nullable(),
  point: PointGeometry.nullable(),
  evidenceCount: z.number().int(),
  eventCount: z.number().int(),
  updatedAt: z.string(),
});
export type CompoundSummary = z.infer<typeof CompoundSummary>;

export const CompoundView = CompoundSummary.extend({
  footprint: FootprintGeometry.nullable(),
  operators: z.array(z.object({ name: z.string(), role: z.enum(OPERATOR_ROLES), entityId: z.string().nullable() })),
  notes: z.string().nullable(),
  /** Id the compound had in the file it was imported from, if any. */
  externalRef: z.string().nullable(),
  timeline: z.array(TimelineEntryView),
  createdAt: z.string(),
  /** Send back as If-Match when changing the compound (contracts/common IfMatchHeaders). */
  version: z.number().int(),
  /**
   * Survivors linked to the compound across every organisation (consented to statistics): everyone who left it and
   * those still in care. Suppressed (core/statistics, k = 11): a number or "suppressed".
   */
  casework: z.object({
    exits: z.union([z.number().int(), z.literal('suppressed')]),
    inCare: z.union([z.number().int(), z.literal('suppressed')]),
  }),
});
export type CompoundView = z.infer<typeof CompoundView>;

export const CompoundList = z.object({ items: z.array(CompoundSummary), nextCursor: z.string().nullable() });
export type CompoundList = z.infer<typeof CompoundList>;

/** GeoJSON import: the body is any JSON (problems are reported per feature). */
export const CompoundImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const GeoProblemView = z.object({ path: z.string(), code: z.string(), message: z.string() });
export const CompoundImportReport = z.object({
  dryRun: z.boolean(),
  /** True when every feature was valid (and, unless a dry run, written). */
  ok: z.boolean(),
  features: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  problems: z.array(GeoProblemView),
  compoundIds: z.array(z.string()),
});
export type CompoundImportReport = z.infer<typeof CompoundImportReport>;

/** The export is a GeoJSON FeatureCollection (core compound-geojson shape); loosely typed here. */
export const CompoundFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      geometry: z.union([PointGeometry, FootprintGeometry]).nullable(),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
});
