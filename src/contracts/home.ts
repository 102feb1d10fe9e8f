import { z } from 'zod';
import { ORGANISATION_KINDS } from '../core/vocabulary.ts';

export const HomeSummary = z.object({
  organisation: z.object({ id: z.string(), name: z.string(), kind: z.string(), isDemo: z.boolean() }),
  survivors: z.number().int(),
  registeredLast7Days: z.number().int(),
  casesByStatus: z.record(z.string(), z.number().int()),
  casesByRisk: z.record(z.string(), z.number().int()),
  topNationalities: z.array(z.object({ nationality: z.string(), count: z.number().int() })),
  /** `all_organisations` for a coordination organisation: counts across every responder, aggregates only. */
  scope: z.enum(['organisation', 'all_organisations']),
});
export type HomeSummary = z.infer<typeof HomeSummary>;

export const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string() });

export const DemoAccounts = z.object({
  loaded: z.boolean(), notice: z.string(), password: z.string().nullable(),
  accounts: z.array(z.object({ email: z.string(), organisation: z.string(), kind: z.string(), role: z.string() })),
});
export type DemoAccounts = z.infer<typeof DemoAccounts>;

export const OrganisationDirectoryQuery = z.object({
  kind: z.union([z.enum(ORGANISATION_KINDS), z.array(z.enum(ORGANISATION_KINDS)).max(7)]).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(400).optional(),
});
export const OrganisationDirectory = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS), nationalitiesServed: z.array(z.string()), city: z.string().nullable() })),
  nextCursor: z.string().nullable(),
});
export type OrganisationDirectory = z.infer<typeof OrganisationDirectory>;
