/** The coordination summary: people per nationality at each stage of the way home, and where they are held up. */
import { z } from 'zod';
import { PublishedCount, MinimumCell } from '../statistics.ts';

const CoordinationCounts = {
  registered: PublishedCount,
  awaiting_documents: PublishedCount,
  awaiting_travel: PublishedCount,
  repatriated: PublishedCount,
  lost_contact: PublishedCount,
};
export const CoordinationSummary = z.object({
  /**
   * all = every organisation's people who consented to statistics (coordination organisations);
   * visible = the cases an embassy may see; both suppressed. organisation = own records, exact.
   */
  scope: z.enum(['all', 'visible', 'organisation']),
  generatedAt: z.string(),
  /**
   * Per statistical nationality (`multiple`, `unknown`, and `other` for pooled nationalities below the minimum cell).
   */
  rows: z.array(
    z.object({
      nationality: z.string(),
      ...CoordinationCounts,
      bottleneck: z.enum(['documents', 'travel', 'none', 'suppressed']),
    }),
  ),
  totals: z.object(CoordinationCounts),
  minimumCell: MinimumCell,
});

export type CoordinationSummary = z.infer<typeof CoordinationSummary>;
