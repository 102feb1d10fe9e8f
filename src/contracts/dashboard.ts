import { z } from 'zod';
import { AGE_BANDS, SEXES } from '../core/vocabulary.ts';
import { CoordinationSummary } from './casework/work.ts';
import { PublicOneWayTable, PublicTwoWayTable } from './public-statistics.ts';
import { MinimumCell, PublishedCount } from './statistics.ts';
import { DeathFiguresView } from './tracing.ts';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(50).optional());
const Month = z.string().regex(/^\d{4}-\d{2}$/);

/**
 * Page-wide filters. They narrow an organisation's own records; cross-organisation figures ignore them (see the
 * service).
 */
export const DashboardQuery = z.object({
  nationality: list(z.string().regex(/^[A-Za-z]{2}$/)),
  sex: list(z.enum(SEXES)),
  ageBand: list(z.enum(AGE_BANDS)),
  from: Month.optional(),
  to: Month.optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Count2 = z.object({ a: z.string(), b: z.string(), n: z.number().int().nonnegative() });

export const Dashboard = z.object({
  scope: z.enum(['organisation', 'all', 'visible']),
  minimumCell: MinimumCell,
  /** False when the filters could not be applied (cross-organisation figures are fixed tables). */
  filtersApplied: z.boolean(),
  survivors: z.object({
    total: PublishedCount,
    tables: z.array(z.union([PublicTwoWayTable, PublicOneWayTable])),
  }),
  consular: CoordinationSummary,
  /** Null where the viewer may not read them. Operational counts of the organisation's own records: exact. */
  needs: z.array(Count2).nullable(),
  referrals: z
    .array(
      z.object({
        direction: z.enum(['sent', 'received']),
        organisationId: z.string(),
        organisationName: z.string(),
        state: z.string(),
        n: z.number().int(),
      }),
    )
    .nullable(),
  compounds: z.object({ byStatus: z.array(Count2), eventsByMonth: z.array(Count2) }).nullable(),
  evidence: z.object({ byState: z.array(Count2), stepsByMonth: z.array(Count2) }).nullable(),
  alerts: z.array(Count2),
  /** Deaths reported, by context (core/deaths): own exact; across organisations (coordination) suppressed. */
  deaths: DeathFiguresView,
});
export type Dashboard = z.infer<typeof Dashboard>;
