import { z } from 'zod';
import { BED_GROUPS, NEED_CATEGORY_KEYS } from '../core/capacity/capacity.ts';
import { COVERAGE_MODES } from '../core/consular/coverage.ts';
import { NEED_KINDS } from '../core/vocabulary.ts';
import { LanguageCode } from './casework/fields.ts';
import { MinimumCell, PublishedCount } from './statistics.ts';

export const BedsInput = z
  .object({
    group: z.enum(BED_GROUPS),
    free: z.number().int().min(0).max(10_000),
    total: z.number().int().min(0).max(10_000),
  })
  .strict();

/** PUT /api/capacity: what the caller's shelter or clinic can offer now (the whole statement; stamped now). */
export const PublishCapacityRequest = z
  .object({
    beds: z.array(BedsInput).max(BED_GROUPS.length).default([]),
    services: z.array(z.enum(NEED_KINDS)).max(NEED_KINDS.length).default([]),
    languages: z.array(LanguageCode).max(30).default([]),
  })
  .strict();
export type PublishCapacityRequest = z.infer<typeof PublishCapacityRequest>;

export const CapacityView = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: z.string(),
  area: z.string().nullable(),
  beds: z.array(z.object({ group: z.enum(BED_GROUPS), free: z.number().int(), total: z.number().int() })),
  services: z.array(z.enum(NEED_KINDS)),
  languages: z.array(z.string()),
  updatedAt: z.string(),
  /** Older than core/capacity STALE_AFTER_MS: shown, never suggested. */
  stale: z.boolean(),
});
export type CapacityView = z.infer<typeof CapacityView>;
export const CapacityList = z.object({ items: z.array(CapacityView) });

export const RoomQuery = z.object({ caseId: z.uuid(), needIds: z.string().max(4000).optional() });
export const RoomView = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: z.string(),
  freeBeds: z.number().int(),
  offersService: z.boolean(),
  sharedLanguages: z.array(z.string()),
  sameArea: z.boolean(),
  stale: z.boolean(),
  updatedAt: z.string(),
});
export type RoomView = z.infer<typeof RoomView>;
export const RoomList = z.object({ items: z.array(RoomView) });

export const NeedsAgainstCapacityRowView = z.object({
  area: z.string(),
  category: z.enum(NEED_CATEGORY_KEYS as [string, ...string[]]),
  own: z.number().int(),
  others: PublishedCount,
  capacity: z.number().int(),
  stale: z.number().int(),
  suggested: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export const NeedsAgainstCapacityView = z.object({
  rows: z.array(NeedsAgainstCapacityRowView),
  minimumCell: MinimumCell,
  generatedAt: z.string(),
});
export type NeedsAgainstCapacityView = z.infer<typeof NeedsAgainstCapacityView>;

export const CoverageView = z.object({
  items: z.array(
    z.object({
      nationality: z.string(),
      mode: z.enum([...COVERAGE_MODES, 'none']),
      organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
      seat: z.string().nullable(),
    }),
  ),
});
export type CoverageView = z.infer<typeof CoverageView>;

/**
 * Consenting survivors with no consular path. Coordination: counts per nationality (at least k, or suppressed),
 * never a case. The owning organisation: its own cases on the list (it holds them anyway).
 */
export const NoConsularPathView = z.object({
  byNationality: z.array(z.object({ nationality: z.string(), count: PublishedCount })),
  minimumCell: MinimumCell,
  ownCases: z.array(z.object({ caseId: z.string(), survivorId: z.string(), nationalities: z.array(z.string()) })),
});
export type NoConsularPathView = z.infer<typeof NoConsularPathView>;
