import { z } from 'zod';
import { AGE_BANDS, SEXES } from '../core/vocabulary.ts';
import { CoordinationSummary } from './casework/coordination.ts';
import { PublicOneWayTable, PublicTwoWayTable } from './public-statistics.ts';
import { MinimumCell, PublishedCount } from './statistics.ts';
import { DeathFiguresView } from './tracing.ts';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(50).optional());
const Month = z.string().regex(/^\d{4}-\d{2}$/);

/**
 * Page-wide filters: nationality, sex and age band of the person, and the period (YYYY-MM, inclusive): the month first
 * registered for survivor figures, the month sent for referrals, the month of a compound event or verification step.
 * They narrow an organisation's own records; cross-organisation survivor figures ignore them
 * (core/statistics/dashboard.ts).
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

/** Whole days waited in one stage (core/statistics/dashboard): null when nobody waits there. */
const StageWait = z.object({ median: PublishedCount.nullable(), p90: PublishedCount.nullable() });
const StageWaits = z.object({ awaiting_documents: StageWait, awaiting_travel: StageWait });
/** Survivors by need kind or by location kind (rows) and month first registered (columns). */
const SeriesTable = z.object({
  rows: z.array(z.string()),
  months: z.array(z.string()),
  cells: z.array(z.array(PublishedCount)),
  rowTotals: z.array(PublishedCount),
});

/** Panels the page's filters cannot narrow (not about survivors, or a current state with no month). */
export const UNFILTERED_PANELS = ['referrals', 'compounds', 'events', 'verification', 'alerts'] as const;

export const Dashboard = z.object({
  scope: z.enum(['organisation', 'all', 'visible']),
  minimumCell: MinimumCell,
  /** False when the filters could not be applied (cross-organisation figures are fixed tables). */
  filtersApplied: z.boolean(),
  survivors: z.object({
    total: PublishedCount,
    tables: z.array(z.union([PublicTwoWayTable, PublicOneWayTable])),
  }),
  /** The consular bottleneck: the coordination view's queues by nationality, with how long people have waited. */
  consular: CoordinationSummary.extend({
    rows: z.array(CoordinationSummary.shape.rows.element.extend({ waits: StageWaits })),
    totalWaits: StageWaits,
  }),
  /** Null where the viewer may not see them: needs need the right to read needs (never an embassy's shared cases). */
  byNeed: SeriesTable.nullable(),
  /** Where people are stays with their organisation: null across an organisation boundary. */
  byLocation: SeriesTable.nullable(),
  /** Panels the current filters did not narrow (empty without filters). */
  unfiltered: z.array(z.enum(UNFILTERED_PANELS)),
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
