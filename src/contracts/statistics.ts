import { z } from 'zod';

/**
 * A count that may cross an organisation boundary: the number, or "suppressed" (fewer than the
 * minimum cell, or hidden so that a small one cannot be worked out from the totals; see
 * core/statistics/suppression.ts). Clients never learn which of the two.
 */
export const PublishedCount = z.union([z.number().int().nonnegative(), z.literal('suppressed')]);
export type PublishedCount = z.infer<typeof PublishedCount>;

/** The smallest count published in these figures, or null when they are exact (an organisation's own records). */
export const MinimumCell = z.number().int().positive().nullable();
