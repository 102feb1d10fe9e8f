/** Networks (issue #16): FollowTheMoney entities, imports, screening and the yente / reconciliation protocols. */
import { z } from 'zod';

/** An FtM id: 1–200 characters, no control characters (PostgreSQL text refuses NUL). */
export const EntityId = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters');
export const EntityIdParams = z.object({ id: EntityId });
const Properties = z.record(z.string(), z.array(z.string()));

export const EntityView = z.object({
  id: z.string(),
  schema: z.string(),
  label: z.string(),
  caption: z.string(),
  properties: Properties,
  datasets: z.array(z.string()),
  first_seen: z.string().optional(),
  last_seen: z.string().optional(),
  disappearedAt: z.string().nullable(),
  sanctioned: z.boolean(),
});
export type EntityView = z.infer<typeof EntityView>;

export const EntityDetail = z.object({
  entity: EntityView,
  sanctions: z.array(EntityView),
  relations: z.array(
    z.object({
      relation: EntityView,
      other: EntityView.nullable(),
      direction: z.enum(['out', 'in', 'none']),
      label: z.string(),
    }),
  ),
  compounds: z.array(z.object({ compoundId: z.string(), name: z.string(), role: z.string() })),
});
export type EntityDetail = z.infer<typeof EntityDetail>;

export const EntityGraph = z.object({
  nodes: z.array(EntityView),
  edges: z.array(
    z.object({ id: z.string(), source: z.string(), target: z.string(), label: z.string(), schema: z.string() }),
  ),
});
export type EntityGraph = z.infer<typeof EntityGraph>;

export const NetworksSummary = z.object({ live: z.number(), disappeared: z.number() });

export const ImportQuery = z.object({
  dataset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .default('uploads'),
});
export const ImportStarted = z.object({ jobId: z.string() });

export const ExportQuery = z.object({
  dataset: z.string().max(64).optional(),
  includeDisappeared: z.enum(['true', 'false']).optional(),
});

const IsoCountry = z.string().regex(/^[A-Za-z]{2}$/);
const PartialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

export const ScreenRequest = z.object({
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().max(300)).max(20).optional(),
  birthDate: PartialDate.optional(),
  countries: z.array(IsoCountry).max(10).optional(),
  schema: z.enum(['Person', 'Company', 'Organization', 'LegalEntity', 'CryptoWallet', 'Vessel', 'Thing']).optional(),
  identifiers: z.array(z.string().max(100)).max(10).optional(),
  limit: z.number().int().min(1).max(100).default(10),
  threshold: z.number().min(0).max(1).default(0.7),
});
export type ScreenRequest = z.infer<typeof ScreenRequest>;

export const ScreenCandidateView = z.object({
  id: z.string(),
  schema: z.string(),
  caption: z.string(),
  datasets: z.array(z.string()),
  topics: z.array(z.string()),
  score: z.number(),
  match: z.boolean(),
  matchedName: z.string().nullable(),
  features: z.array(
    z.object({
      feature: z.enum(['name', 'identifier', 'birth_date', 'country']),
      weight: z.number(),
      reason: z.string(),
    }),
  ),
});
export const ScreenResponse = z.object({ results: z.array(ScreenCandidateView) });
export type ScreenResponse = z.infer<typeof ScreenResponse>;

/** yente's POST /match/{dataset} body and query parameters. */
export const YenteMatchRequest = z.object({
  queries: z
    .record(
      z.string().max(100),
      z.object({ schema: z.string().max(64), properties: z.record(z.string(), z.unknown()) }),
    )
    .refine((q) => Object.keys(q).length >= 1 && Object.keys(q).length <= 100, 'between 1 and 100 queries'),
});
export const YenteMatchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(5),
  threshold: z.coerce.number().min(0).max(1).default(0.7),
});
export const DatasetParams = z.object({ dataset: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/) });

const ReconQuery = z.object({
  query: z.string().max(300),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  limit: z.number().int().min(1).max(50).optional(),
  properties: z
    .array(z.object({ pid: z.string().max(64), v: z.unknown() }))
    .max(20)
    .optional(),
});
export const ReconQueries = z
  .record(z.string().max(100), ReconQuery)
  .refine((q) => Object.keys(q).length <= 100, 'at most 100 queries');
