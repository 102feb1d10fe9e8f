import { z } from 'zod';
import { COMPOUND_STATUSES } from '../core/vocabulary.ts';
import { PublishedCount } from './statistics.ts';

/** One table of a public release (core/statistics/release.ts): at most two attributes, every count suppressed. */
export const PublicTwoWayTable = z.object({
  id: z.enum(['nationality_status', 'sex_age']),
  rowAttribute: z.string(),
  columnAttribute: z.string(),
  rows: z.array(z.string()),
  columns: z.array(z.string()),
  cells: z.array(z.array(PublishedCount)),
  rowTotals: z.array(PublishedCount),
  columnTotals: z.array(PublishedCount),
});
export const PublicOneWayTable = z.object({
  id: z.literal('month'),
  attribute: z.string(),
  /** YYYY-MM. */
  rows: z.array(z.string()),
  cells: z.array(PublishedCount),
});

export const PublicRelease = z.object({
  seq: z.number().int().positive(),
  publishedAt: z.string(),
  /** Counts in (0, minimumCell) are never published, nor anything that recovers one. */
  minimumCell: z.number().int().positive(),
  /** People counted: statistics-consented, once across confirmed duplicates. */
  total: PublishedCount,
  tables: z.array(z.union([PublicTwoWayTable, PublicOneWayTable])),
});
export type PublicRelease = z.infer<typeof PublicRelease>;

export const PublicCompound = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  status: z.enum(COMPOUND_STATUSES),
  statusSince: z.string().nullable(),
  /** [longitude, latitude], rounded to three decimals (about 100 m); null when the compound has no point. */
  point: z.tuple([z.number(), z.number()]).nullable(),
  /** Publishers and addresses of the verified, published evidence behind the compound. */
  sources: z.array(z.object({ publisher: z.string().nullable(), url: z.string().nullable() })),
});
export type PublicCompound = z.infer<typeof PublicCompound>;

export const PublicStatistics = z.object({
  /** The latest release, or null before the first. */
  release: PublicRelease.nullable(),
  /** Compounds with verified, published evidence (live, not part of a release). */
  compounds: z.array(PublicCompound),
});
export type PublicStatistics = z.infer<typeof PublicStatistics>;

export const CreatedPublicRelease = z.object({
  seq: z.number().int().positive(),
  publishedAt: z.string(),
  /** Entries hidden beyond the usual suppression so that no change since an earlier release is a small count. */
  withheldForDifferencing: z.number().int().nonnegative(),
});
export type CreatedPublicRelease = z.infer<typeof CreatedPublicRelease>;
