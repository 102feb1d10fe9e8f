/** Networks (issue #16): FollowTheMoney entities, imports, screening and the yente / reconciliation protocols. */
import { z } from 'zod';
import { HAND_SCHEMAS } from '../core/networks/hand-schemas.ts';
import { MAX_PATH_HOPS } from '../core/networks/paths.ts';

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

/** An entity or relation an analyst adds or edits by hand (core/networks/hand-edits), with its sources. */
export const HandEntityRequest = z.strictObject({
  schema: z.enum(HAND_SCHEMAS),
  properties: z
    .record(
      z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/, 'an FtM property name'),
      z.array(z.string().max(2000)).max(50),
    )
    .refine((p) => Object.keys(p).length <= 60, 'at most 60 properties')
    .default({}),
  sources: z.array(z.string().trim().min(1).max(500)).min(1, 'cite at least one source').max(20),
});
export type HandEntityRequest = z.infer<typeof HandEntityRequest>;
export const HandEntityResponse = z.object({ entity: EntityView });

export const PathQuery = z.object({
  from: EntityId,
  to: EntityId,
  maxHops: z.coerce.number().int().min(1).max(MAX_PATH_HOPS).default(MAX_PATH_HOPS),
});
export const EntityPath = EntityGraph.extend({
  found: z.boolean(),
  reason: z.enum(['no_path', 'too_far', 'too_large']).nullable(),
  hops: z.number(),
  path: z.array(z.string()),
});
export type EntityPath = z.infer<typeof EntityPath>;

const WalletAddress = z.string().regex(/^[A-Za-z0-9:_-]{1,200}$/, 'a wallet address');
export const TransferImportQuery = z.object({
  dataset: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
    .default('transfers'),
});
export const TransferImportSummary = z.object({
  dataset: z.string(),
  lines: z.number(),
  imported: z.number(),
  duplicates: z.number(),
  rejected: z.number(),
  problems: z.array(z.object({ line: z.number(), error: z.string() })),
});
export const TraceQuery = z.object({
  address: WalletAddress,
  hops: z.coerce.number().int().min(1).max(6).default(2),
  direction: z.enum(['out', 'in', 'both']).default('out'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
const Transfer = z.object({
  chain: z.string(),
  tx: z.string(),
  seq: z.number(),
  from: z.string(),
  to: z.string(),
  amount: z.string(),
  asset: z.string(),
  at: z.string(),
});
export const FlowTrace = z.object({
  address: z.string(),
  hops: z.number(),
  direction: z.enum(['out', 'in', 'both']),
  wallets: z.array(
    z.object({
      address: z.string(),
      hop: z.number(),
      received: z.string(),
      sent: z.string(),
      flag: z
        .object({
          sanctioned: z.boolean(),
          compoundLinked: z.boolean(),
          entityId: z.string().nullable(),
          caption: z.string().nullable(),
          holder: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  transfers: z.array(Transfer.extend({ hop: z.number(), flags: z.array(z.enum(['sanctioned', 'compound'])) })),
  truncated: z.boolean(),
  flagged: z.number(),
});
export type FlowTrace = z.infer<typeof FlowTrace>;
