import { z } from 'zod';
import { ORGANISATION_KINDS } from '../core/vocabulary.ts';
import { MinimumCell, PublishedCount } from './statistics.ts';

export const HomeSummary = z.object({
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string(), isDemo: z.boolean() }),
  /** People (records confirmed as the same person count once). */
  survivors: PublishedCount,
  registeredLast7Days: PublishedCount,
  /** People with a case. */
  cases: PublishedCount,
  /** People whose current case is high or critical risk. */
  highRisk: PublishedCount,
  casesByStatus: z.record(z.string(), PublishedCount),
  casesByRisk: z.record(z.string(), PublishedCount),
  /** Statistical nationality: `multiple` for a person with more than one. */
  topNationalities: z.array(z.object({ nationality: z.string(), count: PublishedCount })),
  /**
   * `organisation`: the organisation's own records, exact. `all`: a coordination organisation sees
   * every responder's people who consented to statistics, small cells suppressed.
   */
  scope: z.enum(['organisation', 'all', 'visible']),
  minimumCell: MinimumCell,
});
export type HomeSummary = z.infer<typeof HomeSummary>;

export const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  version: z.string(),
  /** What an acknowledged write survives on this engine (src/db/database.ts durabilityOf). */
  durability: z.object({ processCrash: z.boolean(), powerLoss: z.boolean(), note: z.string() }),
});

export const DemoAccounts = z.object({
  loaded: z.boolean(),
  notice: z.string(),
  password: z.string().nullable(),
  accounts: z.array(
    z.object({
      email: z.string(),
      organisation: z.string(),
      kind: z.string(),
      role: z.string(),
      /** The demo administrator, who is a member of one organisation of each kind. */
      allRound: z.boolean(),
    }),
  ),
});
export type DemoAccounts = z.infer<typeof DemoAccounts>;

export const OrganisationDirectoryQuery = z.object({
  kind: z.union([z.enum(ORGANISATION_KINDS), z.array(z.enum(ORGANISATION_KINDS)).max(7)]).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(400).optional(),
});
export const OrganisationDirectory = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(ORGANISATION_KINDS),
      nationalitiesServed: z.array(z.string()),
      city: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
export type OrganisationDirectory = z.infer<typeof OrganisationDirectory>;
